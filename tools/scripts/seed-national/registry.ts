import { LegalForm, MembershipStatus, ProjectCategory, SAI_SERVICES, SaiService } from '@coopera/domain';
import type { Accounts } from './accounts';
import { MUNICIPAL_ROLES, person, slug } from './people';
import { Random, WeightedPool } from './random';
import type {
  ComuneProfileRow,
  EnteGestoreRow,
  MembershipEventRow,
  MembershipRow,
  ProjectAssociatedComuneRow,
  ProjectEnteGestoreRow,
  ProjectExpansionRow,
  ProjectExtensionRow,
  ProjectRow,
  WorkingGroupMemberRow,
  WorkingGroupRow,
} from './tables';
import { codiceFiscale, partitaIva } from './tax-codes';
import {
  activeAt,
  Clock,
  groupBy,
  ComuneRecord,
  DAY,
  EnteRecord,
  iso,
  isoDate,
  MembershipRecord,
  MembershipStep,
  officeHours,
  ProjectRecord,
  WorkingGroupRecord,
  yearOf,
} from './world';

/** The network registry: enti gestori, SAI projects and their parts, memberships, profiles, working groups. */
export interface Registry {
  enti: EnteRecord[];
  projects: ProjectRecord[];
  memberships: MembershipRecord[];
  workingGroups: WorkingGroupRecord[];
  rows: {
    enti_gestori: EnteGestoreRow[];
    projects: ProjectRow[];
    project_associated_comuni: ProjectAssociatedComuneRow[];
    project_expansions: ProjectExpansionRow[];
    project_extensions: ProjectExtensionRow[];
    project_enti_gestori: ProjectEnteGestoreRow[];
    memberships: MembershipRow[];
    membership_events: MembershipEventRow[];
    comune_profiles: ComuneProfileRow[];
    working_groups: WorkingGroupRow[];
    working_group_members: WorkingGroupMemberRow[];
  };
}

export interface RegistrySizes {
  projects: number;
  entiGestori: number;
  membersWithoutProjects: number;
}

const CATEGORY_TITLES: Record<ProjectCategory, string> = {
  ORDINARI: 'Accoglienza integrata adulti e nuclei familiari',
  MSNA: 'Minori stranieri non accompagnati',
  DM_DS: 'Disagio mentale e disabilità',
};
const CORE_SERVICES = SAI_SERVICES.slice(0, 6);

const ENTE_WORDS = [
  'Il Pellicano', 'Arcobaleno', 'Nuovi Orizzonti', 'San Francesco', 'Il Melograno', 'Terra Mia', 'La Rete', 'Il Ponte', 'Insieme',
  'Primavera', 'Il Sorriso', 'Solidarietà', 'Casa Comune', 'Il Faro', 'La Bussola', 'Il Seme', 'Aurora', 'Il Girasole', 'Mosaico',
  'Oltre i Confini', 'Le Rondini', 'Accoglienza', 'Il Germoglio', 'Nuova Luce', 'L’Approdo', 'Il Mandorlo', 'Don Bosco', 'Santa Chiara',
  'Il Cammino', 'Mediterraneo', 'Porte Aperte', 'La Tenda', 'Il Quadrifoglio', 'Frontiere', 'Il Volo', 'Itaca', 'Il Noce', 'Orizzonte',
];
const LEGAL_FORM_WEIGHTS: Record<LegalForm, number> = {
  COOPERATIVA_SOCIALE: 45,
  ASSOCIAZIONE: 20,
  CONSORZIO_COOPERATIVE: 9,
  FONDAZIONE: 7,
  ENTE_RELIGIOSO: 6,
  IMPRESA_SOCIALE: 9,
  ALTRO: 4,
};

const DECISION_REASONS: Partial<Record<MembershipStatus, string[]>> = {
  ACTIVE: ['Delibera di Giunta pervenuta', 'Adesione approvata dalla segreteria', 'Referente designato'],
  REJECTED: [
    'Manca la delibera di adesione: ripresentare la richiesta con l’atto',
    'Il Comune non risulta titolare né associato di un progetto SAI',
    'Richiesta duplicata: l’ente è già rappresentato',
  ],
  SUSPENDED: ['Referente non designato da oltre sei mesi', 'Assenza prolungata dai lavori del coordinamento', 'Richiesta del Comune'],
  WITHDRAWN: ['Recesso deliberato dal Consiglio comunale (progetto SAI concluso)', 'Recesso comunicato dal Sindaco', 'Progetto SAI non rifinanziato'],
};

const WORKING_GROUPS: [string, string][] = [
  ['MSNA', 'Tavolo tecnico sui minori stranieri non accompagnati: accoglienza, tutela, prosieguo amministrativo.'],
  ['Inserimento lavorativo', 'Tirocini, formazione professionale e rapporti con i centri per l’impiego.'],
  ['Salute mentale e disabilità', 'Presa in carico dei beneficiari dei progetti DM-DS e rete dei servizi sanitari.'],
  ['Autonomia abitativa', 'Uscita dall’accoglienza: casa, contributi all’affitto, agenzie sociali per la locazione.'],
  ['Tutela legale', 'Procedure di protezione internazionale, ricorsi, rapporti con le Commissioni territoriali.'],
  ['Lingua italiana e scuola', 'Corsi di italiano, CPIA, inserimento scolastico dei minori.'],
  ['Mediazione culturale', 'Albo dei mediatori, formazione, mediazione nei servizi sanitari e sociali.'],
  ['Donne e vulnerabilità', 'Vittime di tratta e di violenza, nuclei monoparentali, percorsi dedicati.'],
  ['Rendicontazione', 'Piano finanziario, rendiconti, revisori indipendenti e banca dati SAI.'],
  ['Comunicazione e territorio', 'Sensibilizzazione delle comunità locali e rapporti con la stampa.'],
  ['Formazione degli operatori', 'Aggiornamento delle équipe, supervisione, prevenzione del burnout.'],
  ['Enti locali e governance', 'Ruolo dei Comuni nella rete SAI, unioni e ambiti territoriali.'],
];

/**
 * Makes the registry. Titolari are drawn by population (every large city holds a project, as in
 * the real network); each may hold one open project per category (the API's rule).
 */
export function makeRegistry(root: Random, clock: Clock, comuni: ComuneRecord[], accounts: Accounts, sizes: RegistrySizes): Registry {
  const rows: Registry['rows'] = {
    enti_gestori: [],
    projects: [],
    project_associated_comuni: [],
    project_expansions: [],
    project_extensions: [],
    project_enti_gestori: [],
    memberships: [],
    membership_events: [],
    comune_profiles: [],
    working_groups: [],
    working_group_members: [],
  };
  const municipalities = comuni.filter((c) => c.kind === 'COMUNE');
  const byPopulation = new WeightedPool(municipalities, (c) => Math.sqrt(c.population ?? 2_000));
  const byProvince = groupBy(municipalities, (c) => c.province);

  const enti = makeEnti(root.fork('enti'), clock, byPopulation, accounts, sizes.entiGestori, rows.enti_gestori);
  const projects = makeProjects(root.fork('projects'), clock, comuni, byPopulation, byProvince, enti, accounts, sizes.projects, rows);
  const memberships = makeMemberships(root.fork('memberships'), clock, projects, byPopulation, accounts, sizes.membersWithoutProjects, rows);
  makeProfiles(root.fork('profiles'), clock, accounts, comuni, rows.comune_profiles);
  const workingGroups = makeWorkingGroups(root.fork('working-groups'), clock, memberships, rows);
  return { enti, projects, memberships, workingGroups, rows };
}

function makeEnti(rng: Random, clock: Clock, pool: WeightedPool<ComuneRecord>, accounts: Accounts, count: number, out: EnteGestoreRow[]): EnteRecord[] {
  const enti: EnteRecord[] = [];
  const taken = new Set<string>();
  // Distinct serial numbers by construction: an odd stride prime to 10^7 never repeats below 10^7.
  const firstSerial = rng.int(1_000_000, 8_999_999);
  for (let i = 0; i < count; i++) {
    const seat = pool.draw(rng);
    const legalForm = rng.weighted(LEGAL_FORM_WEIGHTS);
    const word = rng.pick(ENTE_WORDS);
    const town = rng.chance(0.4) ? ` di ${seat.name}` : '';
    const name = {
      COOPERATIVA_SOCIALE: `Cooperativa Sociale ${word}${town}`,
      CONSORZIO_COOPERATIVE: `Consorzio ${word} Società Cooperativa Sociale`,
      ASSOCIAZIONE: `Associazione ${word}${town} ODV`,
      FONDAZIONE: `Fondazione ${word}${town}`,
      ENTE_RELIGIOSO: `Opera Diocesana ${word}${town}`,
      IMPRESA_SOCIALE: `${word} Impresa Sociale S.r.l.`,
      ALTRO: `${word} — servizi per l’accoglienza`,
    }[legalForm];
    // A few small ALTRO providers are sole traders: a personal codice fiscale, not a partita IVA.
    let taxCode = partitaIva((firstSerial + i * 7_919) % 10_000_000, seat.istatCode.slice(0, 3));
    if (legalForm === 'ALTRO' && seat.codiceCatastale && rng.chance(0.5)) {
      do taxCode = codiceFiscale(rng, person(rng), seat.codiceCatastale);
      while (taken.has(taxCode));
    }
    taken.add(taxCode);
    const host = `${slug(word)}-${i + 1}.example`;
    const createdAt = clock.launch - rng.int(0, 200) * DAY + rng.int(0, 24 * 60) * 60_000;
    const proposedBy = rng.chance(0.03) ? pool.draw(rng) : null;
    const ente: EnteRecord = { id: rng.uuid(), name, taxCode, seat, proposedBy, createdAt, updatedAt: createdAt, version: 1 };
    // Some joined the register since the portal opened (proposed by a referent, or added by the secretariat).
    if (rng.chance(0.25) || proposedBy) ente.createdAt = ente.updatedAt = clock.launch + Math.floor(rng.float() * (clock.today - DAY - clock.launch));
    if (proposedBy) accounts.actedAt(accounts.referentOf(proposedBy), ente.createdAt);
    enti.push(ente);
    out.push({
      id: ente.id,
      name,
      tax_code: taxCode,
      legal_form: legalForm,
      seat_comune_id: seat.id,
      email: `info@${host}`,
      pec: rng.chance(0.8) ? `${slug(word)}-${i + 1}@pec.example` : null,
      phone: rng.chance(0.85) ? phone(rng) : null,
      website: rng.chance(0.5) ? `https://www.${host}` : null,
      proposed: proposedBy !== null,
      proposed_by_comune_id: proposedBy?.id ?? null,
      version: 1,
      created_at: iso(ente.createdAt),
      updated_at: iso(ente.updatedAt),
    });
  }
  return enti;
}

function makeProjects(
  rng: Random,
  clock: Clock,
  comuni: ComuneRecord[],
  pool: WeightedPool<ComuneRecord>,
  byProvince: Map<string, ComuneRecord[]>,
  enti: EnteRecord[],
  accounts: Accounts,
  count: number,
  rows: Registry['rows'],
): ProjectRecord[] {
  const projects: ProjectRecord[] = [];
  const open = new Set<string>();
  const Y = yearOf(clock.today);
  const entiByRegion = groupBy(enti, (e) => e.seat.region);
  // The twenty largest cities hold an ORDINARI project (as in the real network); the rest are
  // drawn by population. The Sicilian Città metropolitane hold projects too, as in the demo.
  const largest = [...comuni].filter((c) => c.kind === 'COMUNE').sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.istatCode.localeCompare(b.istatCode));
  const forced = [...largest.slice(0, Math.min(20, Math.ceil(count / 20))), ...comuni.filter((c) => c.kind === 'CITTA_METROPOLITANA').slice(0, Math.ceil(count / 300))];

  const titolari: ComuneRecord[] = [];
  for (let n = 1; n <= count; n++) {
    const status = n <= forced.length ? 'ACTIVE' : rng.weighted({ ACTIVE: 70, PROSECUZIONE: 18, CLOSED: 12 } as const);
    // A quarter of the projects go to a Comune that already holds one (of another category):
    // the real network has about 1.2 projects per titolare.
    const again = n > forced.length && titolari.length > 0 && rng.chance(0.25);
    let comune: ComuneRecord;
    let category: ProjectCategory;
    for (let attempt = 0; ; attempt++) {
      comune = n <= forced.length ? (forced[n - 1] as ComuneRecord) : again && attempt < 10 ? rng.pick(titolari) : pool.draw(rng);
      category = n <= forced.length ? 'ORDINARI' : rng.weighted({ ORDINARI: 65, MSNA: 25, DM_DS: 10 } as const);
      if (status === 'CLOSED' || !open.has(`${comune.id}:${category}`)) break;
      if (attempt > 50) throw new Error('Could not place an open project: too many for the Comuni');
    }
    if (status !== 'CLOSED') open.add(`${comune.id}:${category}`);
    if (!titolari.includes(comune)) titolari.push(comune);

    // Trienni start on 1 January: running ones ended no earlier than this year, extended ones
    // ended before it, closed ones long ago.
    const startYear = status === 'ACTIVE' ? rng.int(Y - 2, Y) : status === 'PROSECUZIONE' ? rng.int(Y - 4, Y - 3) : rng.int(Y - 7, Y - 3);
    const start = Date.UTC(startYear, 0, 1);
    const end = Date.UTC(startYear + 2, 11, 31);
    // Proroghe of the projects in prosecuzione, each decreed about a year before its new end.
    const extensions: [number, number][] = [];
    if (status === 'PROSECUZIONE') {
      const until = Date.UTC(Y + rng.int(0, 1), 11, 31);
      if (rng.chance(0.3) && until > Date.UTC(startYear + 3, 11, 31)) extensions.push([Date.UTC(startYear + 3, 11, 31), 0]);
      extensions.push([until, 0]);
      for (const extension of extensions) extension[1] = Math.min(extension[0] - rng.int(375, 405) * DAY, clock.today - rng.int(1, 30) * DAY);
    }
    const scale = Math.sqrt(comune.population ?? 20_000);
    const posti = Math.max(
      category === 'DM_DS' ? 2 : 5,
      Math.round((category === 'ORDINARI' ? 12 + scale / 6 : category === 'MSNA' ? 8 + scale / 25 : 3 + scale / 80) * (0.6 + rng.float() * 0.9)),
    );
    // Ampliamenti: more posti from some day of the period so far.
    const expansions: [number, number][] = [];
    if (rng.chance(0.25)) {
      const lastDay = Math.min(end, clock.today - DAY);
      for (let k = rng.int(1, 2); k > 0; k--) {
        const from = start + rng.int(0, Math.max(0, Math.floor((lastDay - start) / DAY))) * DAY;
        expansions.push([rng.int(1, 6) * 5, from]);
      }
      expansions.sort((a, b) => a[1] - b[1]);
    }
    const createdAt = start - rng.int(60, 150) * DAY + rng.int(8 * 60, 17 * 60) * 60_000;
    const closedAt = status === 'CLOSED' ? end + 18 * 3_600_000 : null;
    const services: SaiService[] =
      category === 'DM_DS' ? [...CORE_SERVICES, 'TUTELA_PSICO_SOCIO_SANITARIA'] : rng.chance(0.6) ? [...SAI_SERVICES] : [...CORE_SERVICES];
    // Its Comune's referent keeps it up to date (and entered it, if that was in the portal's time).
    const referent = accounts.referentOf(comune);
    if (createdAt >= clock.launch) accounts.actedAt(referent, createdAt);
    const officer = person(rng).formal;
    const project: ProjectRecord = {
      id: rng.uuid(),
      code: `PROG-${n}-PR-${rng.int(1, 3)}`,
      comune,
      category,
      status,
      posti,
      postiTotal: posti + expansions.reduce((sum, [p]) => sum + p, 0),
      services,
      createdAt,
      updatedAt: Math.max(createdAt, ...expansions.map(([, at]) => at), ...extensions.map(([, decreed]) => decreed), closedAt ?? 0),
      closedAt,
      version: 1 + expansions.length + extensions.length + (closedAt ? 1 : 0),
    };
    project.updatedAt = Math.min(project.updatedAt, clock.today - DAY);
    projects.push(project);
    rows.projects.push({
      id: project.id,
      comune_id: comune.id,
      code: project.code,
      title: `SAI ${comune.name} — ${CATEGORY_TITLES[category]}`,
      category,
      status,
      posti,
      posti_total: project.postiTotal,
      start_date: isoDate(start),
      end_date: isoDate(end),
      effective_end_date: isoDate(Math.max(end, ...extensions.map(([until]) => until))),
      responsible_officer: officer,
      mailbox: `sai.${category.toLowerCase().replace('_', '')}@comune.${slug(comune.name)}.example`,
      services,
      closed_at: closedAt === null ? null : iso(closedAt),
      closed_reason: closedAt === null ? null : 'Fine del triennio di finanziamento',
      version: project.version,
      created_at: iso(createdAt),
      updated_at: iso(project.updatedAt),
    });

    // Associated Comuni: neighbours of the same province share a project.
    if (comune.kind === 'COMUNE' && rng.chance(0.3)) {
      const neighbours = (byProvince.get(comune.province) ?? []).filter((c) => c.id !== comune.id);
      for (const associated of rng.sample(neighbours, rng.int(1, 4))) {
        rows.project_associated_comuni.push({ project_id: project.id, associated_comune_id: associated.id, comune_id: comune.id });
      }
    }
    expansions.forEach(([p, from], position) =>
      rows.project_expansions.push({
        id: rng.uuid(),
        project_id: project.id,
        comune_id: comune.id,
        position,
        posti: p,
        effective_from: isoDate(from),
        act_reference: decree(rng, from - rng.int(10, 40) * DAY),
      }),
    );
    extensions.forEach(([until, decreed], position) =>
      rows.project_extensions.push({
        id: rng.uuid(),
        project_id: project.id,
        comune_id: comune.id,
        position,
        until: isoDate(until),
        act_reference: decree(rng, decreed),
      }),
    );
    // One ente attuatore, sometimes partners; mostly from the same region.
    const local = entiByRegion.get(comune.region) ?? [];
    const chosen = new Set<EnteRecord>();
    for (let k = rng.chance(0.35) ? rng.int(2, 3) : 1; chosen.size < k; ) chosen.add(local.length && rng.chance(0.8) ? rng.pick(local) : rng.pick(enti));
    [...chosen].forEach((ente, i) =>
      rows.project_enti_gestori.push({ project_id: project.id, ente_gestore_id: ente.id, comune_id: comune.id, role: i === 0 ? 'ATTUATORE' : 'PARTNER' }),
    );
  }
  return projects;
}

/**
 * Memberships with their whole history, following the domain's state machine: most titolari
 * joined, other Comuni too; some were rejected, suspended, or withdrew, and some asked again.
 */
function makeMemberships(
  rng: Random,
  clock: Clock,
  projects: ProjectRecord[],
  pool: WeightedPool<ComuneRecord>,
  accounts: Accounts,
  others: number,
  rows: Registry['rows'],
): MembershipRecord[] {
  const candidates = new Map<string, ComuneRecord>();
  // The largest titolari all joined: the well-known referents of the README have an active membership.
  projects.forEach((p, i) => {
    if (i < 20 || (p.status !== 'CLOSED' && rng.chance(0.7)) || rng.chance(0.2)) candidates.set(p.comune.id, p.comune);
  });
  for (let tries = 0; tries < others * 20 && candidates.size < projects.length * 0.7 + others; tries++) {
    const c = pool.draw(rng);
    candidates.set(c.id, c);
  }
  const memberships: MembershipRecord[] = [];
  const secretary = () => rng.pick(accounts.secretariat);
  let index = 0;
  for (const comune of candidates.values()) {
    const referent = accounts.referentOf(comune);
    const final: MembershipStatus = index++ < 20 ? 'ACTIVE' : rng.weighted({ ACTIVE: 72, REQUESTED: 7, REJECTED: 5, SUSPENDED: 5, WITHDRAWN: 11 } as const);
    // The path to the final status, as steps of the state machine.
    const paths: Record<MembershipStatus, MembershipStatus[]> = {
      ACTIVE: rng.chance(0.08) ? ['REQUESTED', 'ACTIVE', 'SUSPENDED', 'ACTIVE'] : ['REQUESTED', 'ACTIVE'],
      REQUESTED: rng.chance(0.3) ? ['REQUESTED', 'REJECTED', 'REQUESTED'] : ['REQUESTED'],
      REJECTED: ['REQUESTED', 'REJECTED'],
      SUSPENDED: ['REQUESTED', 'ACTIVE', 'SUSPENDED'],
      WITHDRAWN: rng.chance(0.3) ? ['REQUESTED', 'ACTIVE', 'SUSPENDED', 'WITHDRAWN'] : ['REQUESTED', 'ACTIVE', 'WITHDRAWN'],
    };
    const path = paths[final];
    const gaps = path.map((to, i) => (i === 0 ? 0 : to === 'ACTIVE' && path[i - 1] === 'REQUESTED' ? rng.int(3, 30) : rng.int(60, 700)) * DAY);
    // A pending request is recent; the rest began any time since the portal opened, most early on.
    const earliest = final === 'REQUESTED' && path.length === 1 ? clock.today - 90 * DAY : clock.launch + 13 * DAY;
    const latestEnd = clock.today - (final === 'REQUESTED' ? rng.int(1, 60) : rng.int(5, 90)) * DAY;
    let span = gaps.reduce((a, b) => a + b, 0);
    if (span > (latestEnd - earliest) * 0.9) {
      // An early --today leaves less time: the same steps, closer together.
      const shrink = ((latestEnd - earliest) * 0.9) / span;
      gaps.forEach((g, i) => (gaps[i] = Math.max(DAY, Math.floor((g * shrink) / DAY) * DAY)));
      span = gaps.reduce((a, b) => a + b, 0);
    }
    const latestStart = latestEnd - span;
    const start = earliest + Math.floor(rng.float() ** 2 * Math.max(0, latestStart - earliest));
    const steps: MembershipStep[] = [];
    let at = start;
    path.forEach((to, i) => {
      at += gaps[i] as number;
      const byReferent = to === 'REQUESTED';
      const actor = byReferent ? referent : secretary();
      const reasons = DECISION_REASONS[to];
      const reason = to === 'ACTIVE' ? (rng.chance(0.3) ? rng.pick(reasons ?? []) : null) : reasons ? rng.pick(reasons) : null;
      const when = officeHours(at, rng.int(8 * 60 + 30, 17 * 60));
      steps.push({ from: i === 0 ? null : (path[i - 1] as MembershipStatus), to, at: when, reason, actor });
      accounts.actedAt(actor, when);
    });
    if (final === 'WITHDRAWN' && rng.chance(0.5)) referent.active = false;
    const membership: MembershipRecord = { id: rng.uuid(), comune, steps };
    memberships.push(membership);
    const first = steps[0] as MembershipStep;
    const last = steps[steps.length - 1] as MembershipStep;
    const lastRequest = [...steps].reverse().find((s) => s.to === 'REQUESTED') as MembershipStep;
    rows.memberships.push({
      id: membership.id,
      comune_id: comune.id,
      status: last.to,
      referent_name: referent.name,
      referent_role: rng.pick(MUNICIPAL_ROLES),
      referent_email: referent.email,
      requested_at: iso(lastRequest.at),
      version: steps.length,
      created_at: iso(first.at),
      updated_at: iso(last.at),
    });
    for (const step of steps) {
      rows.membership_events.push({
        id: rng.uuid(),
        membership_id: membership.id,
        comune_id: comune.id,
        from_status: step.from,
        to_status: step.to,
        reason: step.reason,
        actor_id: step.actor.id,
        actor_name: step.actor.name,
        actor_role: step.actor.role,
        occurred_at: iso(step.at),
      });
    }
  }
  return memberships;
}

/** The SAI office and contacts of every Comune with a referent. */
function makeProfiles(rng: Random, clock: Clock, accounts: Accounts, comuni: ComuneRecord[], out: ComuneProfileRow[]): void {
  for (const comune of comuni) {
    if (!accounts.hasReferent(comune) || rng.chance(0.15)) continue;
    const host = `comune.${slug(comune.name)}.example`;
    const version = rng.int(1, 4);
    out.push({
      comune_id: comune.id,
      sai_office: rng.pick(['Servizio SAI', 'Ufficio Servizi sociali', 'Area Welfare — Servizio SAI', 'Settore Politiche sociali', 'Ufficio di Piano']),
      email: `sai@${host}`,
      pec: `protocollo@pec.${host}`,
      phone: phone(rng),
      coordination_referent: accounts.referentOf(comune).name,
      notes: rng.chance(0.1) ? 'Ricevimento del pubblico il martedì e il giovedì mattina.' : null,
      version,
      updated_at: iso(clock.launch + Math.floor(rng.float() * (clock.today - DAY - clock.launch))),
    });
  }
}

/** The thematic tables, each with members drawn from the Comuni active today. */
function makeWorkingGroups(rng: Random, clock: Clock, memberships: MembershipRecord[], rows: Registry['rows']): WorkingGroupRecord[] {
  const active = memberships.filter((m) => activeAt(m, clock.today)).map((m) => m.comune);
  return WORKING_GROUPS.map(([name, description]) => {
    const createdAt = clock.launch + rng.int(30, 900) * DAY + rng.int(9 * 60, 17 * 60) * 60_000;
    const group: WorkingGroupRecord = {
      id: rng.uuid(),
      name,
      members: rng.sample(active, Math.min(active.length, Math.max(3, Math.round(rng.around(0.06, 0.04) * active.length)))),
      createdAt: Math.min(createdAt, clock.today - DAY),
    };
    rows.working_groups.push({ id: group.id, name, description, version: 1, created_at: iso(group.createdAt), updated_at: iso(group.createdAt) });
    for (const c of group.members) rows.working_group_members.push({ working_group_id: group.id, comune_id: c.id });
    return group;
  });
}

function phone(rng: Random): string {
  return `+39 0${rng.int(10, 999)} ${rng.int(100, 999)} ${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

function decree(rng: Random, at: number): string {
  const d = new Date(at);
  const date = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  return `Decreto del Direttore centrale n. ${rng.int(100, 4999)} del ${date}`;
}
