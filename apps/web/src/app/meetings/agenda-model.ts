import { AgendaItem, AgendaItemInput, AgendaItemKind, InvalidParam, MEETING_LIMITS, ProblemDetails, Speaker } from '@coopera/domain';
import { FieldError } from '../forms/field-errors';
import { isRomeTime, rfc3339ToRome, romeToEpoch, romeToRfc3339 } from './rome-time';

/** A speaker as the builder edits them: texts as typed. */
export interface SpeakerRow {
  name: string;
  role: string;
  organisation: string;
}

/**
 * A programme item as the builder edits it: the start as a Rome time of the meeting's day, the
 * duration as typed. `key` identifies the row on screen (new rows have no id on the server).
 */
export interface AgendaRow {
  key: string;
  kind: AgendaItemKind;
  title: string;
  time: string;
  duration: string;
  speakers: SpeakerRow[];
}

/** Where an item's errors go: its fields, or one of its speakers' names. */
export type AgendaRowField = 'kind' | 'title' | 'time' | 'duration' | 'speakers';
export interface AgendaRowErrors {
  fields: Partial<Record<AgendaRowField, FieldError>>;
  /** Per speaker index: the error on their name (or another of their texts). */
  speakers: Record<number, FieldError>;
}
export type AgendaErrors = Record<string, AgendaRowErrors>;

/** The meeting the programme must fit in. */
export interface AgendaFrame {
  startsAt: string;
  endsAt: string;
}

/** The title an item of each kind usually has, as the seed's announcement words it (i18n keys). */
export const DEFAULT_TITLE_KEYS: Readonly<Record<AgendaItemKind, string | null>> = {
  REGISTRATION: 'meetings.agenda.defaultTitles.REGISTRATION',
  OPENING: 'meetings.agenda.defaultTitles.OPENING',
  GREETINGS: 'meetings.agenda.defaultTitles.GREETINGS',
  TALK: null,
  QA: 'meetings.agenda.defaultTitles.QA',
  CLOSING: 'meetings.agenda.defaultTitles.CLOSING',
  OTHER: null,
};

let counter = 0;
export function newRowKey(): string {
  counter += 1;
  return `row-${counter}`;
}

export function emptySpeaker(): SpeakerRow {
  return { name: '', role: '', organisation: '' };
}

function speakerRowOf(speaker: Speaker): SpeakerRow {
  return { name: speaker.name, role: speaker.role ?? '', organisation: speaker.organisation ?? '' };
}

/** The saved programme as rows, in programme order. */
export function rowsOf(agenda: readonly AgendaItem[]): AgendaRow[] {
  return agenda.map((item) => ({
    key: item.id,
    kind: item.kind,
    title: item.title,
    time: rfc3339ToRome(item.startsAt).time,
    duration: item.durationMinutes === null ? '' : String(item.durationMinutes),
    speakers: item.speakers.map(speakerRowOf),
  }));
}

/** The meeting's day in Rome: items are entered as times of that day. */
export function frameDate(frame: AgendaFrame): string {
  return rfc3339ToRome(frame.startsAt).date;
}

/** The instant of a row's start (null while its time is incomplete). */
export function rowStart(row: Pick<AgendaRow, 'time'>, frame: AgendaFrame): number | null {
  return isRomeTime(row.time) ? romeToEpoch({ date: frameDate(frame), time: row.time }) : null;
}

/** Rows by start time; rows without a valid time last, in their order. */
export function sortRows(rows: readonly AgendaRow[], frame: AgendaFrame): AgendaRow[] {
  return rows
    .map((row, index) => ({ row, index, at: rowStart(row, frame) }))
    .sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity) || a.index - b.index)
    .map((entry) => entry.row);
}

/**
 * Moves an item up or down the programme by swapping its start time with its neighbour's: the
 * programme stays ordered by time, and each item keeps its own duration and speakers.
 */
export function moveRow(rows: readonly AgendaRow[], index: number, direction: -1 | 1): AgendaRow[] {
  const other = index + direction;
  const a = rows[index];
  const b = rows[other];
  if (!a || !b) return [...rows];
  const next = [...rows];
  next[other] = { ...a, time: b.time };
  next[index] = { ...b, time: a.time };
  return next;
}

function trimmedOrNull(text: string): string | null {
  return text.trim() || null;
}

/** The request's items, in the rows' order (the API's `items.N` errors then name rows by index). */
export function itemsOf(rows: readonly AgendaRow[], frame: AgendaFrame): AgendaItemInput[] {
  const date = frameDate(frame);
  return rows.map((row) => ({
    kind: row.kind,
    title: row.title.trim(),
    startsAt: romeToRfc3339({ date, time: row.time }) ?? '',
    durationMinutes: row.duration.trim() ? Number(row.duration) : null,
    speakers: row.speakers.map((s) => ({ name: s.name.trim(), role: trimmedOrNull(s.role), organisation: trimmedOrNull(s.organisation) })),
  }));
}

function errorsFor(errors: AgendaErrors, key: string): AgendaRowErrors {
  errors[key] ??= { fields: {}, speakers: {} };
  return errors[key];
}

/** One item's own checks (the same the API makes on each item). */
export function validateRow(row: AgendaRow, frame: AgendaFrame): AgendaRowErrors {
  const result: AgendaRowErrors = { fields: {}, speakers: {} };
  const title = row.title.trim();
  if (title.length < 2) result.fields.title = { key: 'meetings.agenda.errors.titleRequired' };
  else if (title.length > MEETING_LIMITS.itemTitleMaxLength) result.fields.title = { key: 'meetings.agenda.errors.tooLong' };
  const at = rowStart(row, frame);
  if (at === null) result.fields.time = { key: 'meetings.agenda.errors.timeRequired' };
  else if (at < Date.parse(frame.startsAt) || at >= Date.parse(frame.endsAt)) result.fields.time = { key: 'meetings.agenda.errors.outside' };
  const duration = row.duration.trim();
  if (duration && (!/^\d+$/.test(duration) || Number(duration) < 1 || Number(duration) > MEETING_LIMITS.itemDurationMaxMinutes)) {
    result.fields.duration = { key: 'meetings.agenda.errors.duration' };
  }
  if (row.speakers.length > MEETING_LIMITS.speakersMaxPerItem) result.fields.speakers = { key: 'meetings.agenda.errors.tooManySpeakers' };
  row.speakers.forEach((speaker, i) => {
    const name = speaker.name.trim();
    if (name.length < 2) result.speakers[i] = { key: 'meetings.agenda.errors.speakerName' };
    else if ([speaker.name, speaker.role, speaker.organisation].some((t) => t.trim().length > MEETING_LIMITS.speakerTextMaxLength)) {
      result.speakers[i] = { key: 'meetings.agenda.errors.tooLong' };
    }
  });
  return result;
}

export function hasRowErrors(errors: AgendaRowErrors | undefined): boolean {
  return Boolean(errors && (Object.values(errors.fields).some(Boolean) || Object.keys(errors.speakers).length));
}

/**
 * The whole programme's checks, as the API's `checkAgenda`: each item valid and inside the
 * meeting, no two at the same time, a duration ending by the next item's start and the
 * meeting's end. Errors by row key.
 */
export function validateAgenda(rows: readonly AgendaRow[], frame: AgendaFrame): AgendaErrors {
  const errors: AgendaErrors = {};
  for (const row of rows) {
    const own = validateRow(row, frame);
    if (hasRowErrors(own)) errors[row.key] = own;
  }
  if (rows.length > MEETING_LIMITS.agendaMaxItems && rows[0]) errorsFor(errors, rows[0].key).fields.kind = { key: 'meetings.agenda.errors.tooManyItems' };
  const timed = sortRows(rows, frame).filter((row) => rowStart(row, frame) !== null);
  const end = Date.parse(frame.endsAt);
  timed.forEach((row, k) => {
    const at = rowStart(row, frame) ?? 0;
    const next = timed[k + 1];
    const nextAt = next ? rowStart(next, frame) : null;
    if (next && nextAt === at) errorsFor(errors, next.key).fields.time ??= { key: 'meetings.agenda.errors.sameTime' };
    const minutes = Number(row.duration.trim());
    if (row.duration.trim() && Number.isInteger(minutes) && minutes > 0) {
      const itemEnd = at + minutes * 60_000;
      if (nextAt !== null && nextAt !== at && itemEnd > nextAt) errorsFor(errors, row.key).fields.duration ??= { key: 'meetings.agenda.errors.overlaps' };
      else if (itemEnd > end) errorsFor(errors, row.key).fields.duration ??= { key: 'meetings.agenda.errors.endsAfter' };
    }
  });
  return errors;
}

const ITEM_ERROR = /^items\.(\d+)\.([A-Za-z]+)(?:\.(\d+)\.[A-Za-z]+)?$/;

/**
 * The API's 400 on a programme, on the rows it names: `items.N.startsAt` is row N's time,
 * `items.N.durationMinutes` its duration, `items.N.speakers.M.name` its M-th speaker; `rows`
 * must be in the order they were sent. The rest (`version`, `items`…) is listed apart.
 */
export function agendaErrorsFrom(problem: ProblemDetails, rows: readonly AgendaRow[]): { onRows: AgendaErrors; others: InvalidParam[] } {
  const onRows: AgendaErrors = {};
  const others: InvalidParam[] = [];
  for (const invalid of problem.errors ?? []) {
    const match = ITEM_ERROR.exec(invalid.name);
    const row = match ? rows[Number(match[1])] : undefined;
    if (!match || !row) {
      others.push(invalid);
      continue;
    }
    const target = errorsFor(onRows, row.key);
    const message: FieldError = { text: invalid.reason };
    const field = match[2];
    if (field === 'speakers' && match[3] !== undefined) target.speakers[Number(match[3])] ??= message;
    else if (field === 'startsAt') target.fields.time ??= message;
    else if (field === 'durationMinutes') target.fields.duration ??= message;
    else if (field === 'title' || field === 'kind' || field === 'speakers') target.fields[field] ??= message;
    else others.push(invalid);
  }
  return { onRows, others };
}

/** Whether the rows differ from the saved programme. */
export function agendaChanged(saved: readonly AgendaItem[], rows: readonly AgendaRow[], frame: AgendaFrame): boolean {
  const before = JSON.stringify(itemsOf(rowsOf(saved), frame));
  return before !== JSON.stringify(itemsOf(rows, frame));
}

/** A suggested start for a new item: the end of the last one, else the meeting's start. */
export function suggestedTime(rows: readonly AgendaRow[], frame: AgendaFrame): string {
  const timed = sortRows(rows, frame).filter((row) => rowStart(row, frame) !== null);
  const last = timed[timed.length - 1];
  if (!last) return rfc3339ToRome(frame.startsAt).time;
  const at = rowStart(last, frame) ?? Date.parse(frame.startsAt);
  const minutes = Number(last.duration) > 0 ? Number(last.duration) : 15;
  const next = Math.min(at + minutes * 60_000, Date.parse(frame.endsAt) - 60_000);
  return rfc3339ToRome(new Date(next).toISOString()).time;
}
