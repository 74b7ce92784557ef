import { MEETING_TIME_ZONE, MeetingDetail } from '@coopera/domain';

export type CalendarMeeting = Pick<
  MeetingDetail,
  'id' | 'title' | 'description' | 'startsAt' | 'endsAt' | 'place' | 'onlineUrl' | 'status' | 'cancelledReason' | 'version' | 'updatedAt' | 'agenda'
>;

export interface CalendarOptions {
  publicUrl: string;
  now: Date;
  host: string;
}

/**
 * The iCalendar (RFC 5545) of a meeting: one VEVENT whose UID never changes and whose SEQUENCE
 * follows the meeting's version, so that calendars update the event instead of adding a new one;
 * a cancelled meeting is sent as METHOD:CANCEL with STATUS:CANCELLED. Times are in UTC.
 */
export function meetingCalendar(meeting: CalendarMeeting, options: CalendarOptions): string {
  return calendar([`METHOD:${meeting.status === 'CANCELLED' ? 'CANCEL' : 'PUBLISH'}`], [meeting], options);
}

/**
 * A subscribed calendar (a personal feed): every meeting as its event, cancelled ones kept with
 * STATUS:CANCELLED so that subscribers see them struck out; the client polls it.
 */
export function feedCalendar(name: string, meetings: CalendarMeeting[], options: CalendarOptions): string {
  return calendar(['METHOD:PUBLISH', `X-WR-CALNAME:${text(name)}`, 'REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H'], meetings, options);
}

function calendar(header: string[], meetings: CalendarMeeting[], options: CalendarOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ANCI Sicilia//Coopera//IT',
    'CALSCALE:GREGORIAN',
    ...header,
    ...meetings.flatMap((meeting) => event(meeting, options)),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

function event(meeting: CalendarMeeting, options: CalendarOptions): string[] {
  const cancelled = meeting.status === 'CANCELLED';
  const page = `${options.publicUrl}/incontri/${meeting.id}`;
  const location = [meeting.place, meeting.onlineUrl].filter(Boolean).join(' — ');
  return [
    'BEGIN:VEVENT',
    `UID:meeting-${meeting.id}@${options.host}`,
    `SEQUENCE:${meeting.version}`,
    `DTSTAMP:${utc(options.now)}`,
    `LAST-MODIFIED:${utc(new Date(meeting.updatedAt))}`,
    `DTSTART:${utc(new Date(meeting.startsAt))}`,
    `DTEND:${utc(new Date(meeting.endsAt))}`,
    `SUMMARY:${text(meeting.title)}`,
    `DESCRIPTION:${text(description(meeting, page))}`,
    ...(location ? [`LOCATION:${text(location)}`] : []),
    `URL:${meeting.onlineUrl ?? page}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'ORGANIZER;CN=Segreteria del coordinamento ANCI Sicilia:mailto:segreteria@coopera.example',
    ...(cancelled
      ? []
      : ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${text(`Domani: ${meeting.title}`)}`, 'TRIGGER:-P1D', 'END:VALARM']),
    'END:VEVENT',
  ];
}

/** The programme as text, in Rome time, then the meeting page. */
function description(meeting: CalendarMeeting, page: string): string {
  const time = new Intl.DateTimeFormat('it-IT', { timeZone: MEETING_TIME_ZONE, hour: '2-digit', minute: '2-digit' });
  const programme = meeting.agenda.map((item) => {
    const speakers = item.speakers.map((s) => [s.name, s.role, s.organisation].filter(Boolean).join(', '));
    return [`${time.format(new Date(item.startsAt))} ${item.title}`, ...speakers.map((s) => `  ${s}`)].join('\n');
  });
  return [meeting.description, programme.length ? `Programma:\n${programme.join('\n')}` : null, meeting.cancelledReason ? `Annullato: ${meeting.cancelledReason}` : null, page]
    .filter(Boolean)
    .join('\n\n');
}

function utc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT values escape backslashes, separators and line breaks (RFC 5545 §3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space, never inside a character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
