import type { AuditAction, AuditEntityType } from '@coopera/domain';
import type { Accounts } from './accounts';
import type { Meetings } from './meetings';
import { person, slug } from './people';
import type { Random } from './random';
import type { Registry } from './registry';
import type { AuditEventRow } from './tables';
import { Account, Clock, DAY, groupBy, iso, MINUTE } from './world';

interface Event {
  at: number;
  action: AuditAction;
  actor: Account | null;
  comuneId?: string | null;
  entityType?: AuditEntityType;
  entityId?: string;
  changes?: Record<string, { before: unknown; after: unknown }>;
  detail?: string;
  ip?: string | null;
}

/**
 * What the rest of the year looks like besides the steps the registry and the meetings already
 * record: mostly sign-ins, then edits of projects and profiles, failed and refused attempts.
 * Weights per thousand events.
 */
const ROUTINE: Partial<Record<AuditAction, number>> = {
  'auth.login.succeeded': 700,
  'auth.login.failed': 60,
  'auth.denied': 15,
  'auth.refresh.reused': 1,
  'auth.totp.enabled': 0.5,
  'project.update': 60,
  'comune.profile.update': 30,
  'ente-gestore.update': 10,
  'user.password.change': 8,
  'user.profile.update': 6,
  'user.update': 3,
  'calendar-feed.create': 8,
  'calendar-feed.revoke': 2,
  'working-group.update': 3,
  'meeting.document.remove': 2,
};

const DENIED = [
  'GET /api/v1/audit-events needs audit:read',
  'POST /api/v1/meetings needs meetings:manage',
  'GET /api/v1/users needs users:manage',
  'POST /api/v1/enti-gestori needs enti:manage',
  'GET /api/v1/outbox needs meetings:manage',
];

/**
 * A year of the audit trail, ending today: every step of the registry and of the meetings that
 * falls in the year (with the actor, Comune and record the API would write), then routine events
 * up to `total`, in time order. Routine edits also advance the version of the record they change.
 */
export function makeAuditTrail(rng: Random, clock: Clock, accounts: Accounts, registry: Registry, meetings: Meetings, total: number): AuditEventRow[] {
  const events: Event[] = [];
  const inYear = (at: number | null): at is number => at !== null && at >= clock.yearAgo && at < clock.today;
  const secretary = () => rng.pick(accounts.secretariat);

  // The registry's own history.
  for (const m of registry.memberships) {
    for (const step of m.steps) {
      if (!inYear(step.at)) continue;
      events.push({
        at: step.at,
        action: `membership.${step.to.toLowerCase()}` as AuditAction,
        actor: step.actor,
        comuneId: m.comune.id,
        entityType: 'membership',
        entityId: m.id,
        changes: { status: { before: step.from, after: step.to } },
        detail: step.reason ?? undefined,
      });
    }
  }
  for (const p of registry.projects) {
    // The titolare's referent, if they could sign in by then; else the secretariat.
    const referent = accounts.referentOf(p.comune);
    const actor = (at: number) => (referent.activatedAt <= at && rng.chance(0.7) ? referent : secretary());
    if (inYear(p.createdAt)) {
      events.push({ at: p.createdAt, action: 'project.create', actor: actor(p.createdAt), comuneId: p.comune.id, entityType: 'project', entityId: p.id, changes: { code: { before: null, after: p.code }, posti: { before: null, after: p.posti } } });
    }
    if (inYear(p.closedAt)) {
      events.push({ at: p.closedAt, action: 'project.close', actor: actor(p.closedAt), comuneId: p.comune.id, entityType: 'project', entityId: p.id, changes: { status: { before: 'PROSECUZIONE', after: 'CLOSED' } } });
    }
  }
  for (const e of registry.enti) {
    if (!inYear(e.createdAt)) continue;
    const actor = e.proposedBy ? accounts.referentOf(e.proposedBy) : secretary();
    events.push({
      at: e.createdAt,
      action: e.proposedBy ? 'ente-gestore.propose' : 'ente-gestore.create',
      actor,
      comuneId: e.proposedBy?.id ?? null,
      entityType: 'ente-gestore',
      entityId: e.id,
      changes: { name: { before: null, after: e.name }, taxCode: { before: null, after: e.taxCode } },
    });
  }
  for (const g of registry.workingGroups) {
    if (inYear(g.createdAt)) events.push({ at: g.createdAt, action: 'working-group.create', actor: secretary(), entityType: 'working-group', entityId: g.id, changes: { name: { before: null, after: g.name } } });
  }
  for (const account of accounts.all) {
    if (account.role !== 'COMUNE_REFERENT' || !inYear(account.createdAt)) continue;
    events.push({ at: account.createdAt, action: 'user.create', actor: rng.pick(accounts.admins), comuneId: account.comune?.id, entityType: 'user', entityId: account.id, changes: { email: { before: null, after: account.email }, role: { before: null, after: account.role } } });
    const activated = account.activatedAt;
    if (inYear(activated)) events.push({ at: activated, action: 'user.activate', actor: account, comuneId: account.comune?.id, entityType: 'user', entityId: account.id, ip: account.ip });
  }

  // The meetings' steps, and the answers of the invited Comuni.
  for (const meeting of meetings.records) {
    const actor = secretary();
    const invited = meeting.invitations.length;
    for (const [action, at] of meeting.steps) {
      if (!inYear(at)) continue;
      const event: Event = { at, action, actor, entityType: 'meeting', entityId: meeting.id };
      if (action === 'meeting.invite') event.detail = `${meeting.target}: ${invited} Comuni invited, 0 already invited`;
      else if (action === 'meeting.attendance') event.detail = `${meeting.invitations.filter((i) => i.present).length} of ${invited} recorded present`;
      else if (action === 'meeting.document.add') event.detail = 'programma.pdf';
      else if (action !== 'meeting.create' && action !== 'meeting.agenda' && action !== 'meeting.update' && action !== 'meeting.minutes') {
        const to = { 'meeting.convene': 'CONVENED', 'meeting.cancel': 'CANCELLED', 'meeting.hold': 'HELD', 'meeting.publish': 'MINUTES_PUBLISHED' }[action];
        const from = { 'meeting.convene': 'DRAFT', 'meeting.cancel': 'CONVENED', 'meeting.hold': 'CONVENED', 'meeting.publish': 'HELD' }[action];
        event.changes = { status: { before: from, after: to } };
      }
      events.push(event);
    }
    for (const i of meeting.invitations) {
      const referent = accounts.referentOf(i.comune);
      if (inYear(i.answeredAt)) {
        events.push({
          at: i.answeredAt,
          action: 'meeting.rsvp',
          actor: referent,
          comuneId: i.comune.id,
          entityType: 'meeting-invitation',
          entityId: i.id,
          changes: { status: { before: 'PENDING', after: i.status }, delegates: { before: [], after: JSON.parse(i.delegates) as unknown } },
        });
      }
      if (inYear(i.promotedAt) && i.promotedBy) {
        events.push({ at: i.promotedAt, action: 'meeting.promote', actor: accounts.referentOf(i.promotedBy), comuneId: i.comune.id, entityType: 'meeting-invitation', entityId: i.id });
      }
    }
  }

  addRoutine(rng, clock, accounts, registry, meetings, Math.max(0, total - events.length), events);

  const rows = events
    .map((e): AuditEventRow => ({
      id: rng.uuid(),
      occurred_at: iso(e.at),
      action: e.action,
      actor_id: e.actor?.id ?? null,
      actor_role: e.actor?.role ?? null,
      comune_id: e.comuneId ?? null,
      entity_type: e.entityType ?? null,
      entity_id: e.entityId ?? null,
      changes: e.changes ? JSON.stringify(e.changes) : null,
      ip: e.ip === undefined ? (e.actor?.ip ?? null) : e.ip,
      detail: e.detail ?? null,
    }))
    // Appended in time order, as a live trail is: the table's physical order follows occurred_at.
    .sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : a.id < b.id ? -1 : 1));
  return rows;
}

/** The routine events: who does them, to what, and when (office hours on working days, mostly). */
function addRoutine(rng: Random, clock: Clock, accounts: Accounts, registry: Registry, meetings: Meetings, count: number, events: Event[]): void {
  const all = accounts.all;
  const referents = all.filter((a) => a.role === 'COMUNE_REFERENT' && a.active && a.createdAt < clock.today - DAY);
  const staff = accounts.staff;
  const openProjects = registry.projects.filter((p) => p.status !== 'CLOSED');
  const projectsOf = groupBy(openProjects, (p) => p.comune.id);
  const projectRows = new Map(registry.rows.projects.map((r) => [r.id, r]));
  const profiles = registry.rows.comune_profiles;
  const profileOf = new Map(profiles.map((p) => [p.comune_id, p]));
  // A referent edits only their own Comune's projects and profile (row-level security).
  const titolari = referents.filter((a) => a.comune && projectsOf.has(a.comune.id));
  const withProfile = referents.filter((a) => a.comune && profileOf.has(a.comune.id));
  const bump = <R extends { version: number; updated_at: string }>(row: R, at: number) => {
    row.version += 1;
    if (iso(at) > row.updated_at) row.updated_at = iso(at);
  };
  const touch = (account: Account, at: number) => {
    account.version++;
    account.updatedAt = Math.max(account.updatedAt, at);
  };
  const anyone = () => (referents.length && rng.chance(0.85) ? rng.pick(referents) : rng.pick(staff));

  for (let n = 0; n < count; n++) {
    const action = rng.weighted(ROUTINE as Record<AuditAction, number>);
    let event: Event;
    const at = (actor: Account) => momentAfter(rng, clock, actor.activatedAt);
    const by = (actor: Account): Event => ({ at: at(actor), action, actor, comuneId: actor.comune?.id ?? null });
    switch (action) {
      case 'auth.login.succeeded':
        event = by(anyone());
        if (rng.chance(0.1)) event.ip = `151.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
        break;
      case 'auth.login.failed':
        event = by(anyone());
        if (rng.chance(0.3)) {
          // An address that is nobody's: a typo, or someone trying.
          const who = person(rng);
          event = { ...event, actor: null, comuneId: null, ip: `${rng.int(2, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}` };
          event.detail = `bad credentials for ${slug(who.firstName)}.${slug(who.lastName)}@comune.example`;
        } else event.detail = `bad credentials for ${event.actor?.email}`;
        break;
      case 'auth.denied':
        event = { ...by(rng.pick(referents.length ? referents : staff)), detail: rng.pick(DENIED) };
        break;
      case 'auth.refresh.reused':
        event = { ...by(anyone()), comuneId: null, detail: 'A used refresh token was presented again: the session family is revoked.' };
        break;
      case 'auth.totp.enabled':
      case 'user.password.change':
      case 'user.profile.update':
      case 'calendar-feed.create':
      case 'calendar-feed.revoke': {
        const actor = action === 'auth.totp.enabled' ? rng.pick([...accounts.admins, ...accounts.secretariat]) : anyone();
        event = { ...by(actor), entityType: 'user', entityId: actor.id };
        if (action === 'user.profile.update') event.changes = { name: { before: actor.person.name, after: actor.name } };
        if (action.startsWith('user.')) touch(actor, event.at);
        break;
      }
      case 'user.update': {
        const target = rng.pick(all);
        event = { at: at(target), action, actor: rng.pick(accounts.admins), comuneId: target.comune?.id ?? null, entityType: 'user', entityId: target.id };
        event.changes = { name: { before: target.person.name, after: target.name } };
        touch(target, event.at);
        break;
      }
      case 'project.update': {
        const own = titolari.length > 0 && rng.chance(0.75);
        const actor = own ? rng.pick(titolari) : rng.pick(accounts.secretariat);
        const project = own ? rng.pick(projectsOf.get(actor.comune?.id ?? '') ?? openProjects) : rng.pick(openProjects);
        event = { ...by(actor), comuneId: project.comune.id, entityType: 'project', entityId: project.id };
        const field = rng.pick(['responsibleOfficer', 'mailbox', 'services', 'posti']);
        event.changes =
          field === 'posti'
            ? { posti: { before: project.posti, after: project.posti + rng.int(1, 4) * 5 } }
            : field === 'services'
              ? { services: { before: project.services.slice(0, -1), after: project.services } }
              : { [field]: { before: person(rng).formal, after: person(rng).formal } };
        const row = projectRows.get(project.id);
        if (row) bump(row, event.at);
        break;
      }
      case 'comune.profile.update': {
        const own = withProfile.length > 0 && rng.chance(0.85);
        const actor = own ? rng.pick(withProfile) : rng.pick(accounts.secretariat);
        const profile = (own && profileOf.get(actor.comune?.id ?? '')) || rng.pick(profiles);
        event = { ...by(actor), comuneId: profile.comune_id, entityType: 'comune', entityId: profile.comune_id };
        event.changes = { phone: { before: null, after: profile.phone } };
        bump(profile, event.at);
        break;
      }
      case 'ente-gestore.update': {
        const ente = rng.pick(registry.rows.enti_gestori);
        event = { ...by(rng.pick(accounts.secretariat)), comuneId: null, entityType: 'ente-gestore', entityId: ente.id };
        event.at = Math.max(event.at, Date.parse(ente.created_at) + MINUTE);
        event.changes = { email: { before: null, after: ente.email } };
        bump(ente, event.at);
        break;
      }
      case 'working-group.update': {
        const group = rng.pick(registry.rows.working_groups);
        event = { ...by(rng.pick(accounts.secretariat)), entityType: 'working-group', entityId: group.id };
        event.at = Math.max(event.at, Date.parse(group.created_at) + MINUTE);
        event.changes = { description: { before: null, after: group.description } };
        bump(group, event.at);
        break;
      }
      case 'meeting.document.remove': {
        const meeting = rng.pick(meetings.records);
        event = { ...by(rng.pick(accounts.secretariat)), entityType: 'meeting', entityId: meeting.id, detail: 'programma.pdf' };
        event.at = Math.max(event.at, meeting.createdAt + MINUTE);
        break;
      }
      default:
        event = by(anyone());
    }
    event.at = Math.min(event.at, clock.today - MINUTE);
    events.push(event);
  }
}

/** A moment of the year after `since`: on a working day and in office hours, mostly. */
function momentAfter(rng: Random, clock: Clock, since: number): number {
  const from = Math.max(clock.yearAgo, since + MINUTE);
  const days = Math.max(1, Math.floor((clock.today - from) / DAY));
  for (let attempt = 0; ; attempt++) {
    const day = Math.floor(from / DAY) * DAY + rng.int(0, days - 1) * DAY;
    const weekday = new Date(day).getUTCDay();
    if ((weekday === 0 || weekday === 6) && rng.chance(0.85) && attempt < 5) continue;
    const minute = rng.chance(0.93) ? rng.int(7 * 60, 17 * 60 + 30) : rng.int(0, 24 * 60 - 1);
    const at = day + minute * MINUTE + rng.int(0, 59_999);
    if ((at > from && at < clock.today) || attempt > 10) return Math.min(Math.max(at, from), clock.today - MINUTE);
  }
}
