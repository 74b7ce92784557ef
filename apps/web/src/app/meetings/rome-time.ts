import { MEETING_TIME_ZONE } from '@coopera/domain';

/** A wall-clock moment in Italy as the forms hold it: `2021-12-07` and `09:45`. */
export interface RomeWallTime {
  date: string;
  time: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: MEETING_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Rome wall-clock fields of an instant, by the Intl time-zone data (no hand-written DST rules). */
function romeFields(instant: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

/** Minutes Rome is ahead of UTC at an instant: 60 in winter, 120 in summer. */
export function romeOffsetMinutes(instant: number): number {
  const f = romeFields(instant);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function isRomeDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return date.getUTCFullYear() === y && date.getUTCMonth() === (m ?? 1) - 1 && date.getUTCDate() === d;
}

export function isRomeTime(value: string): boolean {
  return TIME_PATTERN.test(value);
}

/**
 * A date and time typed in Rome time as RFC 3339 with Rome's offset of that day
 * (`2021-12-07` `09:45` → `2021-12-07T09:45:00+01:00`; in summer `+02:00`), or null when either is
 * malformed. A time skipped by the spring change (02:30 on the last Sunday of March) is read with
 * the offset before the change, as the clocks would show it an hour later.
 */
export function romeToRfc3339(wall: RomeWallTime): string | null {
  const date = DATE_PATTERN.exec(wall.date);
  const time = TIME_PATTERN.exec(wall.time);
  if (!date || !time || !isRomeDate(wall.date)) return null;
  const asUtc = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(time[1]), Number(time[2]));
  // The offsets in force half a day before and after: the same unless the clocks change that day.
  const before = romeOffsetMinutes(asUtc - 12 * 3_600_000);
  const after = romeOffsetMinutes(asUtc + 12 * 3_600_000);
  const fits = (offset: number) => romeOffsetMinutes(asUtc - offset * 60_000) === offset;
  // Twice-shown autumn hour: the first one; skipped spring hour: none fits, read with the earlier offset.
  const offset = fits(before) ? before : fits(after) ? after : before;
  return `${wall.date}T${wall.time}:00${offsetText(offset)}`;
}

/** The instant of a Rome wall time, in milliseconds, or null. */
export function romeToEpoch(wall: RomeWallTime): number | null {
  const text = romeToRfc3339(wall);
  return text === null ? null : Date.parse(text);
}

/** An instant (RFC 3339, any offset) as the date and time it was in Rome. */
export function rfc3339ToRome(iso: string): RomeWallTime {
  const f = romeFields(Date.parse(iso));
  return { date: `${f.year}-${pad(f.month)}-${pad(f.day)}`, time: `${pad(f.hour)}:${pad(f.minute)}` };
}

/** `9.45`: a programme's time as the seed's announcement prints it (Italian), or `9:45` (English). */
export function programmeTime(iso: string, locale: string): string {
  const { time } = rfc3339ToRome(iso);
  const [hours, minutes] = time.split(':');
  return `${Number(hours)}${locale.startsWith('it') ? '.' : ':'}${minutes}`;
}

/** `9:45` in Rome. */
export function romeClock(iso: string): string {
  const { time } = rfc3339ToRome(iso);
  const [hours, minutes] = time.split(':');
  return `${Number(hours)}:${minutes}`;
}

/**
 * When a meeting takes place, in Rome: `mar 7 dic 2021, 9:45–13:15`; an end on another day
 * adds its date (`… 9:00 – mer 8 dic 2021, 13:00`).
 */
export function meetingWhen(startsAt: string, endsAt: string, locale: string): string {
  const day = new Intl.DateTimeFormat(locale, { timeZone: MEETING_TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const startDay = day.format(new Date(startsAt)).replace(/\./g, '');
  const endDay = day.format(new Date(endsAt)).replace(/\./g, '');
  if (startDay === endDay) return `${startDay}, ${romeClock(startsAt)}–${romeClock(endsAt)}`;
  return `${startDay}, ${romeClock(startsAt)} – ${endDay}, ${romeClock(endsAt)}`;
}

/** A date and time in Rome, for answers and stamps: `7 dic 2021, 10:12`. */
export function romeDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: MEETING_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The start of a Rome day as RFC 3339, for the list's from/to filters. */
export function romeDayStart(date: string): string | null {
  return romeToRfc3339({ date, time: '00:00' });
}

/** Today's date in Rome (`2026-11-26`). */
export function romeToday(now: number = Date.now()): string {
  return rfc3339ToRome(new Date(now).toISOString()).date;
}
