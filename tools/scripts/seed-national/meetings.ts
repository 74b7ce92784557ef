import type { AgendaItemKind, Delegate, InvitationStatus, MeetingMode, MeetingStatus, Speaker } from '@coopera/domain';
import type { Accounts } from './accounts';
import { MUNICIPAL_ROLES, person, slug } from './people';
import type { Random } from './random';
import type { Registry } from './registry';
import type { AgendaItemRow, InvitationRow, MeetingRow } from './tables';
import {
  activeAt,
  Clock,
  ComuneRecord,
  DAY,
  HOUR,
  InvitationRecord,
  iso,
  MeetingRecord,
  MeetingStepAction,
  MINUTE,
  WorkingGroupRecord,
} from './world';

export interface Meetings {
  records: MeetingRecord[];
  rows: { meetings: MeetingRow[]; meeting_agenda_items: AgendaItemRow[]; meeting_invitations: InvitationRow[] };
}

type MeetingKind = 'PLENARY' | 'WORKING_GROUP' | 'TERRITORIAL' | 'WEBINAR';

const TOPICS = [
  'programma delle attività',
  'prosieguo amministrativo dei neomaggiorenni',
  'inserimento lavorativo e tirocini',
  'autonomia abitativa in uscita dall’accoglienza',
  'rendicontazione e piano finanziario',
  'presa in carico sanitaria e salute mentale',
  'tutori volontari e minori non accompagnati',
  'mediazione linguistico-culturale nei servizi',
  'nuove linee guida SAI',
  'banca dati e monitoraggio dei posti',
  'ampliamenti e prosecuzioni dei progetti',
  'accoglienza delle famiglie e dei minori',
  'vittime di tratta e di violenza',
  'corsi di lingua italiana e CPIA',
  'rapporti con le Prefetture',
  'buone pratiche dei Comuni',
  'formazione delle équipe',
  'comunicazione con le comunità locali',
];
const ORGANISATIONS = ['Servizio Centrale SAI', 'ANCI', 'Ministero dell’Interno', 'UNHCR', 'Università degli Studi', 'Prefettura', 'ASP', 'CPIA'];

/**
 * The coordination's meetings since the founding webinar, and those planned for the coming
 * months: their programme, the Comuni invited (members on the day; a group's members; a region's),
 * their answers with delegates and waiting lists, and the attendance of those held.
 */
export function makeMeetings(rng: Random, clock: Clock, registry: Registry, accounts: Accounts, sizes: { meetings: number; invitations: number }): Meetings {
  const rows: Meetings['rows'] = { meetings: [], meeting_agenda_items: [], meeting_invitations: [] };
  const first = Date.parse('2021-12-07T00:00:00Z');
  const last = clock.today + 120 * DAY;

  // Plan: when, what kind, and whom it could invite.
  const plans = Array.from({ length: sizes.meetings }, () => {
    // More meetings as the network grows: later days are likelier.
    let day = first + Math.floor(Math.sqrt(rng.float()) * ((last - first) / DAY)) * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) day += (weekday === 6 ? 2 : 1) * DAY;
    let kind: MeetingKind = rng.weighted({ PLENARY: 8, WORKING_GROUP: 42, TERRITORIAL: 35, WEBINAR: 15 });
    const group = kind === 'WORKING_GROUP' ? rng.pick(registry.workingGroups) : null;
    if (group && day < group.createdAt + 7 * DAY) kind = 'WEBINAR';
    return { day, kind, group: kind === 'WORKING_GROUP' ? group : null, pool: [] as ComuneRecord[], region: null as string | null, weight: 0, invited: 0 };
  });
  plans.sort((a, b) => a.day - b.day);
  const membershipOf = new Map(registry.memberships.map((m) => [m.comune, m]));
  for (const plan of plans) {
    const active = registry.memberships.filter((m) => activeAt(m, plan.day));
    const members = active.map((m) => m.comune);
    if (plan.kind === 'WORKING_GROUP') {
      // A group's members today; those of them that were members on the day.
      const group = (plan.group as WorkingGroupRecord).members;
      const then = group.filter((c) => {
        const membership = membershipOf.get(c);
        return membership !== undefined && activeAt(membership, plan.day);
      });
      plan.pool = then.length ? then : group;
    } else if (plan.kind === 'TERRITORIAL' && members.length) {
      plan.region = rng.pick(members).region;
      plan.pool = members.filter((c) => c.region === plan.region);
    } else plan.pool = members;
    plan.weight = { PLENARY: 10, WORKING_GROUP: 1, TERRITORIAL: 1.5, WEBINAR: 3 }[plan.kind] * (0.5 + rng.float());
  }
  allocate(plans, sizes.invitations);

  const records = plans.map((plan, n) => makeMeeting(rng, clock, accounts, plan, n + 1, rows));
  return { records, rows };
}

/**
 * How many Comuni each meeting invites, so that the total is the requested number: in
 * proportion to each meeting's weight (a plenary invites many), never more than its pool.
 */
function allocate(plans: { pool: ComuneRecord[]; weight: number; invited: number }[], total: number): void {
  const capacity = plans.reduce((sum, p) => sum + p.pool.length, 0);
  if (capacity <= total) {
    for (const p of plans) p.invited = p.pool.length;
    return;
  }
  // The factor λ with Σ min(pool, weight·λ) = total, by bisection.
  const sumFor = (lambda: number) => plans.reduce((sum, p) => sum + Math.min(p.pool.length, p.weight * lambda), 0);
  let low = 0;
  let high = 1;
  while (sumFor(high) < total) high *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (sumFor(mid) < total) low = mid;
    else high = mid;
  }
  const exact = plans.map((p) => Math.min(p.pool.length, p.weight * high));
  plans.forEach((p, i) => (p.invited = Math.floor(exact[i] as number)));
  let missing = total - plans.reduce((sum, p) => sum + p.invited, 0);
  const byRemainder = plans.map((p, i) => [i, (exact[i] as number) - p.invited] as const).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const [i] of byRemainder) {
    if (missing <= 0) break;
    const p = plans[i] as (typeof plans)[number];
    if (p.invited < p.pool.length) {
      p.invited++;
      missing--;
    }
  }
}

function makeMeeting(
  rng: Random,
  clock: Clock,
  accounts: Accounts,
  plan: { day: number; kind: MeetingKind; group: WorkingGroupRecord | null; pool: ComuneRecord[]; region: string | null; invited: number },
  n: number,
  rows: Meetings['rows'],
): MeetingRecord {
  const id = rng.uuid();
  const month = new Date(plan.day).getUTCMonth();
  // Italian time is UTC+2 from April to October, UTC+1 otherwise (close enough for a dataset).
  const offset = month >= 3 && month <= 9 ? 2 : 1;
  const startsAt = plan.day + (rng.int(18, 31) * 30 - offset * 60) * MINUTE; // 9:00–15:30 in Rome
  const endsAt = startsAt + rng.pick([90, 120, 150, 180, 210, 240]) * MINUTE;
  const topic = rng.pick(TOPICS);
  const host = plan.pool.length ? rng.pick(plan.pool) : null;
  const title = {
    PLENARY: `Assemblea plenaria del coordinamento — ${topic}`,
    WORKING_GROUP: `Tavolo tecnico ${plan.group?.name ?? ''} — ${topic}`,
    TERRITORIAL: `Incontro territoriale ${plan.region ?? ''} — ${topic}`,
    WEBINAR: `Webinar — ${topic}`,
  }[plan.kind];
  const mode: MeetingMode = plan.kind === 'WEBINAR' ? 'ONLINE' : rng.weighted({ ONLINE: 45, HYBRID: 35, IN_PERSON: 20 });
  const place =
    mode === 'ONLINE' ? null : plan.kind === 'PLENARY' || !host ? 'ANCI, via dei Prefetti 46, Roma' : `Sala consiliare del Comune di ${host.name}`;
  const onlineUrl = mode === 'IN_PERSON' ? null : `https://videoconferenza.coopera.example/${slug(topic)}-${n}`;
  const seatLimit = mode !== 'ONLINE' && plan.invited > 3 && rng.chance(0.35) ? Math.max(2, Math.round(plan.invited * (0.3 + rng.float() * 0.4))) : null;

  // Its life so far: created some weeks before, its programme and invitations, convened, then
  // held or cancelled. Nothing happens after today; a step that would is clamped to just before.
  let createdAt = startsAt - rng.int(15, 60) * DAY;
  if (createdAt > clock.today - DAY) createdAt = clock.today - rng.int(1, 14) * DAY;
  createdAt = Math.max(clock.launch + DAY, createdAt) + rng.int(0, 8 * 60) * MINUTE;
  const past = startsAt < clock.today;
  let status: MeetingStatus = past
    ? rng.weighted({ MINUTES_PUBLISHED: 58, HELD: 27, CANCELLED: 9, CONVENED: 6 })
    : rng.weighted({ CONVENED: 70, DRAFT: 25, CANCELLED: 5 });
  if (status === 'CONVENED' && past && startsAt < clock.today - 30 * DAY) status = 'HELD';
  const before = Math.min(clock.today, startsAt) - HOUR;
  const within = (at: number, after: number) => Math.max(after, Math.min(at, before));
  const steps: [MeetingStepAction, number][] = [['meeting.create', createdAt]];
  const agendaAt = within(createdAt + rng.int(1, 48) * HOUR, createdAt);
  steps.push(['meeting.agenda', agendaAt]);
  const invitedAt = within(createdAt + rng.int(2, 5) * DAY, agendaAt);
  if (plan.invited > 0) steps.push(['meeting.invite', invitedAt]);
  let lastStep = invitedAt;
  const convened = status !== 'DRAFT' && !(status === 'CANCELLED' && rng.chance(0.3));
  if (convened) {
    lastStep = within(createdAt + rng.int(3, 7) * DAY, lastStep);
    steps.push(['meeting.convene', lastStep]);
    if (rng.chance(0.2)) steps.push(['meeting.update', (lastStep = within(lastStep + rng.int(1, 72) * HOUR, lastStep))]);
    if (rng.chance(0.25)) steps.push(['meeting.document.add', (lastStep = within(startsAt - rng.int(1, 5) * DAY, lastStep))]);
  }
  // Answers close when the meeting begins, or when it is cancelled.
  let answersClose = Math.min(startsAt, clock.today);
  let cancelledReason: string | null = null;
  if (status === 'CANCELLED') {
    const cancelledAt = within(lastStep + rng.int(1, 20) * DAY, lastStep);
    steps.push(['meeting.cancel', cancelledAt]);
    answersClose = Math.min(answersClose, cancelledAt);
    cancelledReason = rng.pick(['Indisponibilità dei relatori', 'Sovrapposizione con la Conferenza unificata', 'Rinviato a data da destinarsi', 'Allerta meteo']);
  }
  let attendanceAt: number | null = null;
  let minutesAt: number | null = null;
  let publishedAt: number | null = null;
  if (status === 'HELD' || status === 'MINUTES_PUBLISHED') {
    steps.push(['meeting.hold', endsAt]);
    attendanceAt = endsAt + rng.int(1, 72) * HOUR;
    minutesAt = endsAt + rng.int(2, 10) * DAY;
    publishedAt = status === 'MINUTES_PUBLISHED' ? minutesAt + rng.int(1, 5) * DAY : null;
    // What would lie after today has not happened yet.
    if (publishedAt !== null && publishedAt >= clock.today) {
      status = 'HELD';
      publishedAt = null;
    }
    if (minutesAt >= clock.today || (status === 'HELD' && rng.chance(0.4))) minutesAt = null;
    if (attendanceAt >= clock.today || (status === 'HELD' && rng.chance(0.3))) attendanceAt = null;
    if (attendanceAt !== null) steps.push(['meeting.attendance', attendanceAt]);
    if (minutesAt !== null) steps.push(['meeting.minutes', minutesAt]);
    if (publishedAt !== null) steps.push(['meeting.publish', publishedAt]);
  }
  steps.sort((a, b) => a[1] - b[1]);
  const updatedAt = (steps[steps.length - 1] as [MeetingStepAction, number])[1];

  const invitations = makeInvitations(rng, accounts, id, rng.sample(plan.pool, plan.invited), { invitedAt, answersClose, convened, status, seatLimit, attendanceAt }, rows);
  const present = invitations.filter((i) => i.present).length;
  rows.meetings.push({
    id,
    title,
    description: `Incontro del coordinamento dei Comuni della rete SAI sul tema: ${topic}.`,
    starts_at: iso(startsAt),
    ends_at: iso(endsAt),
    mode,
    place,
    online_url: onlineUrl,
    seat_limit: seatLimit,
    working_group_id: plan.group?.id ?? null,
    status,
    cancelled_reason: cancelledReason,
    minutes_markdown: minutesAt === null ? null : minutes(title, startsAt, present, topic),
    minutes_published_at: publishedAt === null ? null : iso(publishedAt),
    version: steps.length,
    created_at: iso(createdAt),
    updated_at: iso(updatedAt),
  });
  makeAgenda(rng, id, startsAt, endsAt, topic, host, rows.meeting_agenda_items);
  const target = plan.kind === 'WORKING_GROUP' ? 'WORKING_GROUP' : plan.kind === 'TERRITORIAL' ? 'COMUNI' : 'ACTIVE_MEMBERS';
  return { id, createdAt, target, steps, invitations };
}

interface Answering {
  invitedAt: number;
  answersClose: number;
  /** Only a convened meeting is shown to the Comuni, who may then answer. */
  convened: boolean;
  status: MeetingStatus;
  seatLimit: number | null;
  attendanceAt: number | null;
}

/**
 * The invitations of one meeting and the answers to them, in the order they came: seats go to
 * the first who accept, the next wait, and a seat freed by a later decline goes to the first
 * waiting (promoted), as the API allocates them.
 */
function makeInvitations(
  rng: Random,
  accounts: Accounts,
  meetingId: string,
  comuni: ComuneRecord[],
  m: Answering,
  rows: Meetings['rows'],
): InvitationRecord[] {
  // Four in five answer by the start; of a meeting still ahead, fewer so far.
  const window = Math.max(0, m.answersClose - m.invitedAt);
  const share = !m.convened ? 0 : m.status === 'CONVENED' ? 0.8 * Math.min(1, window / (21 * DAY)) : 0.8;
  const answers = comuni.map((comune) => {
    const answered = window > HOUR && rng.chance(share);
    const at = answered ? m.invitedAt + Math.floor(rng.float() * window) : null;
    return { comune, at, wants: rng.chance(0.72) };
  });
  const order = answers.filter((a) => a.at !== null).sort((a, b) => (a.at as number) - (b.at as number));
  const status = new Map<ComuneRecord, InvitationStatus>();
  let seated = 0;
  for (const a of order) {
    if (!a.wants) status.set(a.comune, 'DECLINED');
    else if (m.seatLimit === null || seated < m.seatLimit) {
      status.set(a.comune, 'ATTENDING');
      seated++;
    } else status.set(a.comune, 'WAITING');
  }
  // Now and then someone seated gives up their seat later, and the first in line takes it.
  const changes = new Map<ComuneRecord, number>();
  const promoted = new Map<ComuneRecord, [number, ComuneRecord]>();
  const waiting = order.filter((a) => status.get(a.comune) === 'WAITING');
  const firstWaiting = waiting[0];
  if (firstWaiting && rng.chance(0.4)) {
    const seatedOnes = order.filter((a) => status.get(a.comune) === 'ATTENDING');
    const giver = rng.pick(seatedOnes);
    const at = Math.min(m.answersClose - MINUTE, Math.max(giver.at as number, firstWaiting.at as number) + rng.int(1, 48) * HOUR);
    if (at > (firstWaiting.at as number) && at > (giver.at as number)) {
      status.set(giver.comune, 'DECLINED');
      changes.set(giver.comune, at);
      status.set(firstWaiting.comune, 'ATTENDING');
      promoted.set(firstWaiting.comune, [at, giver.comune]);
    }
  }

  return answers.map((a) => {
    const referent = accounts.referentOf(a.comune);
    const st = status.get(a.comune) ?? 'PENDING';
    const answeredAt = changes.get(a.comune) ?? a.at;
    const delegates: Delegate[] =
      st === 'ATTENDING' || st === 'WAITING'
        ? Array.from({ length: rng.int(1, 3) }, (_, i) => (i === 0 && rng.chance(0.6) ? { name: referent.name, role: 'Referente SAI' } : { name: person(rng).formal, role: rng.pick(MUNICIPAL_ROLES) }))
        : [];
    // The register: most of those seated came, a few came without answering.
    const recorded = m.attendanceAt !== null;
    const present = recorded ? (st === 'ATTENDING' ? rng.chance(0.88) : st === 'PENDING' ? rng.chance(0.04) : false) : null;
    const presentDelegates = present ? (delegates.length ? delegates.slice(0, rng.int(1, delegates.length)).map((d) => d.name) : [person(rng).formal]) : [];
    if (answeredAt !== null) accounts.actedAt(referent, answeredAt);
    const id = rng.uuid();
    const delegatesJson = JSON.stringify(delegates);
    const [promotedAt, promotedBy] = promoted.get(a.comune) ?? [null, null];
    rows.meeting_invitations.push({
      id,
      meeting_id: meetingId,
      comune_id: a.comune.id,
      status: st,
      delegates: delegatesJson,
      answered_at: answeredAt === null ? null : iso(answeredAt),
      answered_by_name: answeredAt === null ? null : referent.name,
      waiting_since: st === 'WAITING' ? iso(a.at as number) : null,
      promoted_at: promotedAt === null ? null : iso(promotedAt),
      present,
      present_delegates: JSON.stringify(presentDelegates),
      version: 1 + (answeredAt === null ? 0 : 1) + (changes.has(a.comune) || promotedAt !== null ? 1 : 0) + (recorded ? 1 : 0),
      created_at: iso(m.invitedAt),
    });
    return { id, comune: a.comune, status: st, answeredAt, promotedAt, promotedBy, delegates: delegatesJson, present };
  });
}

/** A timed programme like the founding webinar's: registration, opening, greetings, talks, questions, closing. */
function makeAgenda(rng: Random, meetingId: string, startsAt: number, endsAt: number, topic: string, host: ComuneRecord | null, out: AgendaItemRow[]): void {
  const speaker = (organisation: string): Speaker => {
    const who = person(rng);
    return { name: who.formal, role: rng.pick(['Responsabile', 'Coordinatore', 'Funzionario', 'Dirigente', 'Esperto', null]), organisation };
  };
  const talks = rng.int(1, 4);
  const items: [AgendaItemKind, string, number, Speaker[]][] = [];
  if (rng.chance(0.4)) items.push(['REGISTRATION', 'Registrazione partecipanti', 15, []]);
  items.push(['OPENING', 'Apertura dei lavori', 10, [speaker('ANCI')]]);
  if (rng.chance(0.5)) items.push(['GREETINGS', 'Saluti istituzionali', 15, [host ? { name: person(rng).formal, role: 'Sindaco', organisation: `Comune di ${host.name}` } : speaker('ANCI')]]);
  const qa = rng.chance(0.7);
  const fixed = items.reduce((sum, [, , d]) => sum + d, 0) + (qa ? 30 : 0) + 10;
  const perTalk = Math.max(10, Math.floor(((endsAt - startsAt) / MINUTE - fixed) / talks / 5) * 5);
  for (let t = 1; t <= talks; t++) {
    const speakers = Array.from({ length: rng.int(1, 3) }, () => speaker(rng.pick(host ? [...ORGANISATIONS, `Comune di ${host.name}`] : ORGANISATIONS)));
    items.push(['TALK', t === 1 ? `Introduzione: ${topic}` : `${rng.pick(['Esperienze a confronto', 'Il punto di vista del Servizio Centrale', 'Strumenti e modelli', 'Dati e risultati'])} (${t})`, perTalk, speakers]);
  }
  if (qa) items.push(['QA', 'Domande e risposte', 30, []]);
  items.push(['CLOSING', 'Chiusura dei lavori', 10, []]);
  let at = startsAt;
  items.forEach(([kind, title, duration, speakers], position) => {
    if (at >= endsAt) return; // the programme fits the meeting: what would not is left out
    const minutes = Math.min(duration, (endsAt - at) / MINUTE);
    out.push({
      id: rng.uuid(),
      meeting_id: meetingId,
      position,
      kind,
      title,
      starts_at: iso(at),
      // Like the seed's programme, some items give no duration: they last until the next one.
      duration_minutes: kind === 'REGISTRATION' || kind === 'QA' || rng.chance(0.6) ? minutes : null,
      speakers: JSON.stringify(speakers),
    });
    at += minutes * MINUTE;
  });
}

function minutes(title: string, startsAt: number, present: number, topic: string): string {
  const day = new Date(startsAt).toISOString().slice(0, 10).split('-').reverse().join('/');
  return [
    `# Verbale — ${title}`,
    '',
    `Riunione del ${day}. Comuni presenti: ${present}.`,
    '',
    '## Esiti',
    '',
    `- Il coordinamento ha approfondito il tema: ${topic}.`,
    '- I Comuni hanno condiviso le esperienze dei propri progetti SAI.',
    '- La segreteria raccoglierà i materiali e li pubblicherà nella biblioteca delle buone pratiche.',
    '',
    '## Prossimi passi',
    '',
    '1. Invio dei materiali ai Comuni invitati.',
    '2. Aggiornamento al prossimo incontro.',
  ].join('\n');
}
