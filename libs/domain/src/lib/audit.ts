import type { Role } from './permissions';

/**
 * Every action the audit trail records. The API's `AuditService.record` accepts only these, so
 * the web's labels and filters cannot fall behind a new kind of event unnoticed.
 */
export const AUDIT_ACTIONS = [
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.denied',
  'auth.refresh.reused',
  'auth.totp.enabled',
  'user.create',
  'user.update',
  'user.activate',
  'user.password.change',
  'user.profile.update',
  'comune.profile.update',
  'membership.requested',
  'membership.active',
  'membership.rejected',
  'membership.suspended',
  'membership.withdrawn',
  'ente-gestore.create',
  'ente-gestore.propose',
  'ente-gestore.update',
  'project.create',
  'project.update',
  'project.close',
  'working-group.create',
  'working-group.update',
  'working-group.delete',
  'meeting.create',
  'meeting.update',
  'meeting.agenda',
  'meeting.convene',
  'meeting.cancel',
  'meeting.hold',
  'meeting.publish',
  'meeting.invite',
  'meeting.rsvp',
  'meeting.promote',
  'meeting.attendance',
  'meeting.minutes',
  'meeting.document.add',
  'meeting.document.remove',
  'calendar-feed.create',
  'calendar-feed.revoke',
  'practice.create',
  'practice.update',
  'practice.remove',
  'practice.document',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * The areas the audit browser filters by: each is the prefix (up to the first dot) of its
 * actions, and the API's `action` filter takes it with the dot (`meeting.`).
 */
export const AUDIT_CATEGORIES = [
  'auth',
  'user',
  'comune',
  'membership',
  'ente-gestore',
  'project',
  'working-group',
  'meeting',
  'calendar-feed',
  'practice',
] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

/** The kinds of record an audit event is about (`entityType`). */
export const AUDIT_ENTITY_TYPES = [
  'user',
  'comune',
  'membership',
  'ente-gestore',
  'project',
  'working-group',
  'meeting',
  'meeting-invitation',
  'practice',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** The API's `action` filter: an action, or a category's prefix ending with a dot. */
export const AUDIT_ACTION_FILTER_PATTERN = /^[a-z][a-z-]*(\.[a-z][a-z-]*)*\.?$/;

/** Someone who may appear in the trail, as the audit browser's "who" filter offers them. */
export interface AuditActor {
  id: string;
  email: string;
  name: string;
  role: Role;
  comuneName: string | null;
}
