import type { SortParam } from './pagination';

export const MEETING_MODES = ['ONLINE', 'IN_PERSON', 'HYBRID'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

/** draft → convened → held → minutes published; draft or convened → cancelled. */
export const MEETING_STATUSES = ['DRAFT', 'CONVENED', 'HELD', 'MINUTES_PUBLISHED', 'CANCELLED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_STEPS = ['convene', 'cancel', 'hold', 'publish'] as const;
export type MeetingStep = (typeof MEETING_STEPS)[number];

/** From which statuses each step may start, and where it leads. */
export const MEETING_TRANSITIONS: Readonly<Record<MeetingStep, { from: readonly MeetingStatus[]; to: MeetingStatus }>> = {
  convene: { from: ['DRAFT'], to: 'CONVENED' },
  cancel: { from: ['DRAFT', 'CONVENED'], to: 'CANCELLED' },
  /** Once it has started: then the attendance is recorded and the minutes written. */
  hold: { from: ['CONVENED'], to: 'HELD' },
  /** The minutes become readable by the invited Comuni. */
  publish: { from: ['HELD'], to: 'MINUTES_PUBLISHED' },
};

/** Details and agenda may change while a meeting is being prepared or has been convened. */
export const EDITABLE_MEETING_STATUSES: readonly MeetingStatus[] = ['DRAFT', 'CONVENED'];

export const AGENDA_ITEM_KINDS = ['REGISTRATION', 'OPENING', 'GREETINGS', 'TALK', 'QA', 'CLOSING', 'OTHER'] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const MEETING_LIMITS = {
  titleMinLength: 3,
  titleMaxLength: 300,
  descriptionMaxLength: 5000,
  placeMaxLength: 300,
  urlMaxLength: 500,
  seatLimitMax: 10_000,
  agendaMaxItems: 60,
  itemTitleMaxLength: 300,
  itemDurationMaxMinutes: 24 * 60,
  speakersMaxPerItem: 10,
  speakerTextMaxLength: 200,
  reasonMaxLength: 1000,
} as const;

/** Meetings are entered and shown in Italian time, stored in UTC. */
export const MEETING_TIME_ZONE = 'Europe/Rome';

export interface Speaker {
  name: string;
  role: string | null;
  organisation: string | null;
}

export interface AgendaItem {
  id: string;
  kind: AgendaItemKind;
  title: string;
  /** RFC 3339, UTC. */
  startsAt: string;
  durationMinutes: number | null;
  speakers: Speaker[];
}

export interface Meeting {
  id: string;
  title: string;
  description: string | null;
  /** RFC 3339, UTC. */
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  place: string | null;
  onlineUrl: string | null;
  seatLimit: number | null;
  workingGroupId: string | null;
  workingGroupName: string | null;
  status: MeetingStatus;
  cancelledReason: string | null;
  agendaItemCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingDetail extends Meeting {
  /** In programme order. */
  agenda: AgendaItem[];
  /** Answers so far, over every invited Comune: for the network roles (null for a referent). */
  invitationCounts: InvitationCounts | null;
  /** The reader's own Comune's invitation, for a referent. */
  myInvitation: Invitation | null;
}

export interface MeetingFields {
  title: string;
  description?: string | null;
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  place?: string | null;
  onlineUrl?: string | null;
  seatLimit?: number | null;
  workingGroupId?: string | null;
}

/** `POST /api/v1/meetings` (secretariat): a draft. */
export type CreateMeetingRequest = MeetingFields;

/** `PATCH /api/v1/meetings/:id`: the fields to change, and the version they were based on. */
export type UpdateMeetingRequest = Partial<MeetingFields> & { version: number };

export interface AgendaItemInput {
  kind: AgendaItemKind;
  title: string;
  startsAt: string;
  durationMinutes?: number | null;
  speakers?: Speaker[];
}

/** `PUT /api/v1/meetings/:id/agenda`: the whole programme, in order (reorder, edit, remove at once). */
export interface ReplaceAgendaRequest {
  version: number;
  items: AgendaItemInput[];
}

/** `POST /api/v1/meetings/:id/convene|cancel` */
export interface MeetingStepRequest {
  version: number;
  reason?: string | null;
}

export const MEETING_SORT_FIELDS = ['startsAt', 'title', 'status'] as const;
export type MeetingSortField = (typeof MEETING_SORT_FIELDS)[number];
export const MEETING_SORTS: readonly SortParam<MeetingSortField>[] = MEETING_SORT_FIELDS.flatMap((f) => [f, `-${f}`] as const);

export interface ListMeetingsQuery {
  page?: number;
  pageSize?: number;
  sort?: SortParam<MeetingSortField>;
  q?: string;
  from?: string;
  to?: string;
  status?: MeetingStatus;
  workingGroupId?: string;
}

/** The end of an agenda item: its duration, or else the next item's start, or else the meeting's end. */
export function agendaItemEnd(items: readonly Pick<AgendaItemInput, 'startsAt' | 'durationMinutes'>[], index: number, meetingEnd: string): string {
  const item = items[index];
  if (!item) return meetingEnd;
  if (item.durationMinutes) return new Date(Date.parse(item.startsAt) + item.durationMinutes * 60_000).toISOString();
  return items[index + 1]?.startsAt ?? meetingEnd;
}

/** Where an invited Comune stands: no answer yet, a seat, on the waiting list, or not coming. */
export const INVITATION_STATUSES = ['PENDING', 'ATTENDING', 'WAITING', 'DECLINED'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const RSVP_ANSWERS = ['ATTENDING', 'DECLINED'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

/** Whom to invite: every active member, the members of a working group, or chosen Comuni. */
export const INVITATION_TARGETS = ['ACTIVE_MEMBERS', 'WORKING_GROUP', 'COMUNI'] as const;
export type InvitationTarget = (typeof INVITATION_TARGETS)[number];

export const MAX_DELEGATES = 5;

export interface Delegate {
  name: string;
  role: string | null;
}

export interface Invitation {
  id: string;
  meetingId: string;
  comuneId: string;
  comuneName: string;
  status: InvitationStatus;
  delegates: Delegate[];
  answeredAt: string | null;
  answeredByName: string | null;
  /** 1 for the first in line; null unless waiting. */
  waitingPosition: number | null;
  /** When a freed seat moved this Comune off the waiting list. */
  promotedAt: string | null;
  /** The attendance register: null until recorded. */
  present: boolean | null;
  /** Names of the delegates who were there. */
  presentDelegates: string[];
  version: number;
}

export interface InvitationCounts {
  invited: number;
  pending: number;
  attending: number;
  waiting: number;
  declined: number;
}

/** `POST /api/v1/meetings/:id/invitations` (secretariat): adding Comuni later invites only the new ones. */
export interface InviteRequest {
  target: InvitationTarget;
  workingGroupId?: string;
  comuneIds?: string[];
}

export interface InviteResponse {
  added: number;
  alreadyInvited: number;
  counts: InvitationCounts;
}

/** `PUT /api/v1/meetings/:id/invitations/:invitationId/rsvp`: the Comune's answer, changeable until the start. */
export interface RsvpRequest {
  version: number;
  answer: RsvpAnswer;
  delegates?: Delegate[];
}

export const MEETING_CLOSED_FOR_ANSWERS_PROBLEM_TYPE = 'urn:coopera:problem:meeting-closed-for-answers';
/** A change the meeting's status no longer (or not yet) allows. */
export const MEETING_NOT_EDITABLE_PROBLEM_TYPE = 'urn:coopera:problem:meeting-not-editable';

export interface AttendanceEntry {
  invitationId: string;
  present: boolean;
  /** Names of the delegates present (a subset of those announced, or others who came). */
  delegates?: string[];
}

/** `PUT /api/v1/meetings/:id/attendance` (secretariat, once held): the register, Comune by Comune. */
export interface RecordAttendanceRequest {
  version: number;
  entries: AttendanceEntry[];
}

/** `PUT /api/v1/meetings/:id/minutes` (secretariat, once held): the draft, in Markdown. */
export interface SaveMinutesRequest {
  version: number;
  markdown: string;
}

/** `GET /api/v1/meetings/:id/minutes`: for the invited Comuni once published. */
export interface MeetingMinutes {
  markdown: string;
  /** Rendered from the Markdown with raw HTML escaped: safe to insert. */
  html: string;
  publishedAt: string | null;
  presentComuni: number;
  presentDelegates: number;
}

export const MINUTES_MAX_LENGTH = 100_000;


/**
 * `GET/POST/DELETE /api/v1/me/calendar-feed`: a personal iCalendar feed of the meetings the user may
 * see. Its token is shown once, when made; only its hash is kept, so a lost URL is replaced, not read.
 */
export interface CalendarFeed {
  active: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
  /** Only in the answer that created it. */
  url: string | null;
}
