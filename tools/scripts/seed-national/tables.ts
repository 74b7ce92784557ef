import { table, TableSpec } from './bulk-table';

/**
 * The rows the national dataset writes, one interface per table, keyed by column name, and the
 * order to load them in (each after the tables its foreign keys point to). Every id and every
 * timestamp is set here, none left to a column default: gen_random_uuid() and now() would make
 * two runs with the same seed differ.
 */

type Uuid = string;
/** RFC 3339, UTC. */
type Timestamp = string;
/** YYYY-MM-DD */
type CalendarDate = string;
/** JSON text. */
type Json = string;

export interface ComuneRow {
  id: Uuid;
  kind: string;
  istat_code: string;
  name: string;
  province: string;
  codice_catastale: string | null;
  population: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRow {
  id: Uuid;
  email: string;
  name: string;
  role: string;
  comune_id: Uuid | null;
  active: boolean;
  password_hash: string;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EnteGestoreRow {
  id: Uuid;
  name: string;
  tax_code: string;
  legal_form: string;
  seat_comune_id: Uuid;
  email: string;
  pec: string | null;
  phone: string | null;
  website: string | null;
  proposed: boolean;
  proposed_by_comune_id: Uuid | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectRow {
  id: Uuid;
  comune_id: Uuid;
  code: string;
  title: string;
  category: string;
  status: string;
  posti: number;
  posti_total: number;
  start_date: CalendarDate;
  end_date: CalendarDate;
  effective_end_date: CalendarDate;
  responsible_officer: string;
  mailbox: string;
  services: string[];
  closed_at: Timestamp | null;
  closed_reason: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectAssociatedComuneRow {
  project_id: Uuid;
  associated_comune_id: Uuid;
  comune_id: Uuid;
}

export interface ProjectExpansionRow {
  id: Uuid;
  project_id: Uuid;
  comune_id: Uuid;
  position: number;
  posti: number;
  effective_from: CalendarDate;
  act_reference: string;
}

export interface ProjectExtensionRow {
  id: Uuid;
  project_id: Uuid;
  comune_id: Uuid;
  position: number;
  until: CalendarDate;
  act_reference: string;
}

export interface ProjectEnteGestoreRow {
  project_id: Uuid;
  ente_gestore_id: Uuid;
  comune_id: Uuid;
  role: string;
}

export interface MembershipRow {
  id: Uuid;
  comune_id: Uuid;
  status: string;
  referent_name: string;
  referent_role: string;
  referent_email: string;
  requested_at: Timestamp;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipEventRow {
  id: Uuid;
  membership_id: Uuid;
  comune_id: Uuid;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  actor_id: Uuid;
  actor_name: string;
  actor_role: string;
  occurred_at: Timestamp;
}

export interface ComuneProfileRow {
  comune_id: Uuid;
  sai_office: string;
  email: string;
  pec: string;
  phone: string;
  coordination_referent: string;
  notes: string | null;
  version: number;
  updated_at: Timestamp;
}

export interface WorkingGroupRow {
  id: Uuid;
  name: string;
  description: string;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkingGroupMemberRow {
  working_group_id: Uuid;
  comune_id: Uuid;
}

export interface MeetingRow {
  id: Uuid;
  title: string;
  description: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  mode: string;
  place: string | null;
  online_url: string | null;
  seat_limit: number | null;
  working_group_id: Uuid | null;
  status: string;
  cancelled_reason: string | null;
  minutes_markdown: string | null;
  minutes_published_at: Timestamp | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgendaItemRow {
  id: Uuid;
  meeting_id: Uuid;
  position: number;
  kind: string;
  title: string;
  starts_at: Timestamp;
  duration_minutes: number | null;
  speakers: Json;
}

export interface InvitationRow {
  id: Uuid;
  meeting_id: Uuid;
  comune_id: Uuid;
  status: string;
  delegates: Json;
  answered_at: Timestamp | null;
  answered_by_name: string | null;
  waiting_since: Timestamp | null;
  promoted_at: Timestamp | null;
  present: boolean | null;
  present_delegates: Json;
  version: number;
  created_at: Timestamp;
}

export interface AuditEventRow {
  id: Uuid;
  occurred_at: Timestamp;
  action: string;
  actor_id: Uuid | null;
  actor_role: string | null;
  comune_id: Uuid | null;
  entity_type: string | null;
  entity_id: string | null;
  changes: Json | null;
  ip: string | null;
  detail: string | null;
}

const STAMPS = { created_at: 'timestamptz', updated_at: 'timestamptz' } as const;

export const TABLES = {
  comuni: table<ComuneRow>('comuni', {
    id: 'uuid', kind: 'comune_kind', istat_code: 'text', name: 'text', province: 'province', codice_catastale: 'text', population: 'int', ...STAMPS,
  }),
  users: table<UserRow>('users', {
    id: 'uuid', email: 'text', name: 'text', role: 'role', comune_id: 'uuid', active: 'boolean', password_hash: 'text', version: 'int', ...STAMPS,
  }),
  enti_gestori: table<EnteGestoreRow>('enti_gestori', {
    id: 'uuid', name: 'text', tax_code: 'text', legal_form: 'legal_form', seat_comune_id: 'uuid', email: 'text', pec: 'text', phone: 'text',
    website: 'text', proposed: 'boolean', proposed_by_comune_id: 'uuid', version: 'int', ...STAMPS,
  }),
  projects: table<ProjectRow>('projects', {
    id: 'uuid', comune_id: 'uuid', code: 'text', title: 'text', category: 'project_category', status: 'project_status', posti: 'int',
    posti_total: 'int', start_date: 'date', end_date: 'date', effective_end_date: 'date', responsible_officer: 'text', mailbox: 'text',
    services: 'sai_service[]', closed_at: 'timestamptz', closed_reason: 'text', version: 'int', ...STAMPS,
  }),
  project_associated_comuni: table<ProjectAssociatedComuneRow>('project_associated_comuni', {
    project_id: 'uuid', associated_comune_id: 'uuid', comune_id: 'uuid',
  }),
  project_expansions: table<ProjectExpansionRow>('project_expansions', {
    id: 'uuid', project_id: 'uuid', comune_id: 'uuid', position: 'smallint', posti: 'int', effective_from: 'date', act_reference: 'text',
  }),
  project_extensions: table<ProjectExtensionRow>('project_extensions', {
    id: 'uuid', project_id: 'uuid', comune_id: 'uuid', position: 'smallint', until: 'date', act_reference: 'text',
  }),
  project_enti_gestori: table<ProjectEnteGestoreRow>('project_enti_gestori', {
    project_id: 'uuid', ente_gestore_id: 'uuid', comune_id: 'uuid', role: 'ente_role',
  }),
  memberships: table<MembershipRow>('memberships', {
    id: 'uuid', comune_id: 'uuid', status: 'membership_status', referent_name: 'text', referent_role: 'text', referent_email: 'text',
    requested_at: 'timestamptz', version: 'int', ...STAMPS,
  }),
  membership_events: table<MembershipEventRow>('membership_events', {
    id: 'uuid', membership_id: 'uuid', comune_id: 'uuid', from_status: 'membership_status', to_status: 'membership_status', reason: 'text',
    actor_id: 'uuid', actor_name: 'text', actor_role: 'role', occurred_at: 'timestamptz',
  }),
  comune_profiles: table<ComuneProfileRow>('comune_profiles', {
    comune_id: 'uuid', sai_office: 'text', email: 'text', pec: 'text', phone: 'text', coordination_referent: 'text', notes: 'text',
    version: 'int', updated_at: 'timestamptz',
  }),
  working_groups: table<WorkingGroupRow>('working_groups', {
    id: 'uuid', name: 'text', description: 'text', version: 'int', ...STAMPS,
  }),
  working_group_members: table<WorkingGroupMemberRow>('working_group_members', {
    working_group_id: 'uuid', comune_id: 'uuid',
  }),
  meetings: table<MeetingRow>('meetings', {
    id: 'uuid', title: 'text', description: 'text', starts_at: 'timestamptz', ends_at: 'timestamptz', mode: 'meeting_mode', place: 'text',
    online_url: 'text', seat_limit: 'int', working_group_id: 'uuid', status: 'meeting_status', cancelled_reason: 'text',
    minutes_markdown: 'text', minutes_published_at: 'timestamptz', version: 'int', ...STAMPS,
  }),
  meeting_agenda_items: table<AgendaItemRow>('meeting_agenda_items', {
    id: 'uuid', meeting_id: 'uuid', position: 'smallint', kind: 'agenda_item_kind', title: 'text', starts_at: 'timestamptz',
    duration_minutes: 'int', speakers: 'jsonb',
  }),
  meeting_invitations: table<InvitationRow>('meeting_invitations', {
    id: 'uuid', meeting_id: 'uuid', comune_id: 'uuid', status: 'invitation_status', delegates: 'jsonb', answered_at: 'timestamptz',
    answered_by_name: 'text', waiting_since: 'timestamptz', promoted_at: 'timestamptz', present: 'boolean', present_delegates: 'jsonb',
    version: 'int', created_at: 'timestamptz',
  }),
  audit_events: table<AuditEventRow>('audit_events', {
    id: 'uuid', occurred_at: 'timestamptz', action: 'text', actor_id: 'uuid', actor_role: 'role', comune_id: 'uuid', entity_type: 'text',
    entity_id: 'text', changes: 'jsonb', ip: 'text', detail: 'text',
  }),
};

export type TableName = keyof typeof TABLES;

/** Every row of the dataset, by table. */
export type Dataset = { [K in TableName]: (typeof TABLES)[K] extends TableSpec<infer Row extends object> ? Row[] : never };
