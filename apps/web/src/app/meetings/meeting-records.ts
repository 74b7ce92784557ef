import { AttendanceEntry, Invitation, MINUTES_MAX_LENGTH, MeetingDetail, RecordAttendanceRequest } from '@coopera/domain';
import { FieldError } from '../forms/field-errors';

/** One announced (or recorded) delegate in the register, ticked when present. */
export interface AttendanceDelegate {
  name: string;
  role: string | null;
  present: boolean;
}

/** One invited Comune in the attendance register. */
export interface AttendanceRow {
  invitationId: string;
  comuneName: string;
  invitation: Invitation;
  present: boolean;
  delegates: AttendanceDelegate[];
}

/**
 * The register as recorded so far: a Comune not yet recorded starts unticked (nobody is assumed
 * present). Delegates are the announced ones, plus any recorded present who were not announced,
 * so saving again never drops a name.
 */
export function attendanceRowOf(invitation: Invitation): AttendanceRow {
  const recorded = invitation.presentDelegates ?? [];
  const announced = invitation.delegates.map((d) => ({ name: d.name, role: d.role, present: recorded.includes(d.name) }));
  const others = recorded.filter((name) => !invitation.delegates.some((d) => d.name === name)).map((name) => ({ name, role: null, present: true }));
  return { invitationId: invitation.id, comuneName: invitation.comuneName, invitation, present: invitation.present === true, delegates: [...announced, ...others] };
}

/** `PUT …/attendance`: every Comune, its delegates only when present. */
export function attendanceRequestOf(version: number, rows: readonly AttendanceRow[]): RecordAttendanceRequest {
  const entries = rows.map((row): AttendanceEntry =>
    row.present ? { invitationId: row.invitationId, present: true, delegates: row.delegates.filter((d) => d.present).map((d) => d.name) } : { invitationId: row.invitationId, present: false },
  );
  return { version, entries };
}

/** The register's totals, counted as the API counts them: delegates of present Comuni only. */
export function attendanceTotals(rows: readonly AttendanceRow[]): { comuni: number; delegates: number } {
  const present = rows.filter((r) => r.present);
  return { comuni: present.length, delegates: present.reduce((sum, r) => sum + r.delegates.filter((d) => d.present).length, 0) };
}

/** Whether the register differs from what was loaded. */
export function attendanceChanged(rows: readonly AttendanceRow[]): boolean {
  return rows.some((row) => {
    const initial = attendanceRowOf(row.invitation);
    return initial.present !== row.present || initial.delegates.some((d, i) => d.present !== row.delegates[i]?.present);
  });
}

/** "Segna come svolto" is offered once a convened meeting has started (the API says 409 before). */
/**
 * Whether a meeting read in the background may replace the one shown: not when the page already
 * holds a later version (a refresh sent before a change, answered after it, would undo it on screen).
 */
export function supersedes(fetched: Pick<MeetingDetail, 'id' | 'version'>, shown: Pick<MeetingDetail, 'id' | 'version'> | null): boolean {
  return shown === null || shown.id !== fetched.id || fetched.version >= shown.version;
}

export function canMarkHeld(meeting: Pick<MeetingDetail, 'status' | 'startsAt'>, now: number): boolean {
  return meeting.status === 'CONVENED' && Date.parse(meeting.startsAt) <= now;
}

/** The minutes are written once the meeting is held, and corrected after publication. */
export function minutesEditable(meeting: Pick<MeetingDetail, 'status'>): boolean {
  return meeting.status === 'HELD' || meeting.status === 'MINUTES_PUBLISHED';
}

/** A file name from the title: plain letters and digits, so that every system keeps it. */
export function icsFileName(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `${slug || 'incontro'}.ics`;
}

/** What a blank or oversized draft gets told, as the API would refuse it (a blank one reads as no minutes). */
export function minutesError(markdown: string): FieldError | null {
  if (!markdown.trim()) return { key: 'meetings.minutes.errors.required' };
  if (markdown.length > MINUTES_MAX_LENGTH) return { key: 'meetings.minutes.errors.tooLong' };
  return null;
}

/**
 * The minutes' own headings sit under the page's "Verbale" (h2): `# Title` becomes an h3, so the
 * page keeps one h1 and a sound outline. The API escapes raw HTML, so every `<hN` is the renderer's.
 */
export function demoteHeadings(html: string, by = 2): string {
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/g, (_match, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + by)}`);
}
