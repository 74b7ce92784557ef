import { EnteRole, LegalForm, MembershipStatus, ProjectCategory, ProjectStatus, SaiService } from '@coopera/domain';
import { Client } from 'pg';

/** ISTAT codes of the Comuni the demo data speaks of. */
const ISTAT = {
  Palermo: '082053',
  Partinico: '082054',
  Catania: '087015',
  Caltagirone: '087011',
  Messina: '083048',
  Milazzo: '083049',
  Siracusa: '089017',
  Augusta: '089001',
  Noto: '089013',
  'Canicattini Bagni': '089005',
  Agrigento: '084001',
  Licata: '084021',
  Trapani: '081021',
  'Mazara del Vallo': '081012',
  Ragusa: '088009',
  Vittoria: '088012',
  Modica: '088006',
  Caltanissetta: '085004',
  Enna: '086009',
  'Città metropolitana di Catania': '287',
} as const;
type DemoComune = keyof typeof ISTAT;

interface DemoEnte {
  name: string;
  taxCode: string;
  legalForm: LegalForm;
  seat: DemoComune;
  email: string;
}

const ENTI: DemoEnte[] = [
  { name: 'Consorzio Sol.E. Società Cooperativa Sociale', taxCode: '05432100823', legalForm: 'CONSORZIO_COOPERATIVE', seat: 'Palermo', email: 'info@consorziosole.example' },
  { name: 'Associazione Santa Chiara Onlus', taxCode: '06123450873', legalForm: 'ASSOCIAZIONE', seat: 'Palermo', email: 'segreteria@santachiara.example' },
  { name: 'Cooperativa Sociale Il Pellicano', taxCode: '02118311006', legalForm: 'COOPERATIVA_SOCIALE', seat: 'Catania', email: 'sai@ilpellicano.example' },
  { name: 'Fondazione San Giovanni di Dio', taxCode: '02987650898', legalForm: 'FONDAZIONE', seat: 'Messina', email: 'accoglienza@fsgd.example' },
  { name: 'Cooperativa Sociale Passwork', taxCode: '04567890837', legalForm: 'COOPERATIVA_SOCIALE', seat: 'Siracusa', email: 'info@passwork.example' },
  { name: 'Associazione Acuarinto', taxCode: '01345670846', legalForm: 'ASSOCIAZIONE', seat: 'Agrigento', email: 'progetti@acuarinto.example' },
  { name: 'Impresa Sociale Badia Grande', taxCode: '05876540815', legalForm: 'IMPRESA_SOCIALE', seat: 'Trapani', email: 'sai@badiagrande.example' },
  { name: 'Cooperativa Sociale Nostra Signora', taxCode: '03678900881', legalForm: 'COOPERATIVA_SOCIALE', seat: 'Ragusa', email: 'info@nostrasignora.example' },
];

const ALL_SERVICES: SaiService[] = [
  'MEDIAZIONE_LINGUISTICO_CULTURALE',
  'ACCOGLIENZA_MATERIALE',
  'ORIENTAMENTO_SERVIZI_TERRITORIO',
  'LINGUA_ITALIANA_INSERIMENTO_SCOLASTICO',
  'FORMAZIONE_RIQUALIFICAZIONE_PROFESSIONALE',
  'INSERIMENTO_LAVORATIVO',
  'INSERIMENTO_ABITATIVO',
  'INSERIMENTO_SOCIALE',
  'ORIENTAMENTO_LEGALE',
  'TUTELA_PSICO_SOCIO_SANITARIA',
];
const CORE_SERVICES = ALL_SERVICES.slice(0, 6);

interface DemoProject {
  code: string;
  title: string;
  titolare: DemoComune;
  category: ProjectCategory;
  status: ProjectStatus;
  posti: number;
  start: string;
  end: string;
  services: SaiService[];
  enti: [string, EnteRole][];
  associated?: DemoComune[];
  expansions?: [number, string, string][];
  extensions?: [string, string][];
  officer: string;
  closed?: string;
}

const DECREE = (n: number, date: string) => `Decreto del Direttore centrale n. ${n} del ${date}`;

const PROJECTS: DemoProject[] = [
  {
    code: 'PROG-1-PR-2',
    title: 'SAI Palermo — Accoglienza integrata adulti e nuclei familiari',
    titolare: 'Palermo',
    category: 'ORDINARI',
    status: 'ACTIVE',
    posti: 180,
    start: '2026-01-01',
    end: '2028-12-31',
    // Two services left out on purpose: the browser test adds one.
    services: ALL_SERVICES.filter((s) => s !== 'TUTELA_PSICO_SOCIO_SANITARIA' && s !== 'INSERIMENTO_ABITATIVO'),
    enti: [['05432100823', 'ATTUATORE'], ['06123450873', 'PARTNER']],
    associated: ['Partinico'],
    expansions: [[20, '2026-06-01', DECREE(2841, '20/05/2026')]],
    officer: 'Dott.ssa Giovanna Lo Bue',
  },
  {
    code: 'PROG-2-PR-1',
    title: 'SAI Palermo — Minori stranieri non accompagnati',
    titolare: 'Palermo',
    category: 'MSNA',
    status: 'PROSECUZIONE',
    posti: 60,
    start: '2023-01-01',
    end: '2025-12-31',
    services: ALL_SERVICES,
    enti: [['06123450873', 'ATTUATORE']],
    extensions: [['2026-12-31', DECREE(3120, '28/11/2025')]],
    officer: 'Dott. Salvatore Messina',
  },
  {
    code: 'PROG-3-PR-2',
    title: 'SAI Canicattini Bagni — Ordinari',
    titolare: 'Canicattini Bagni',
    category: 'ORDINARI',
    status: 'ACTIVE',
    posti: 25,
    start: '2026-01-01',
    end: '2028-12-31',
    services: CORE_SERVICES,
    enti: [['04567890837', 'ATTUATORE']],
    officer: 'Dott. Paolo Amenta',
  },
  {
    code: 'PROG-4-PR-1',
    title: 'SAI Catania — Ordinari',
    titolare: 'Catania',
    category: 'ORDINARI',
    status: 'ACTIVE',
    posti: 150,
    start: '2026-01-01',
    end: '2028-12-31',
    services: ALL_SERVICES,
    enti: [['02118311006', 'ATTUATORE']],
    associated: ['Caltagirone'],
    expansions: [[30, '2026-04-01', DECREE(1902, '15/03/2026')]],
    officer: 'Dott.ssa Maria Grazia Russo',
  },
  { code: 'PROG-5-PR-1', title: 'SAI Catania — MSNA', titolare: 'Catania', category: 'MSNA', status: 'ACTIVE', posti: 40, start: '2026-01-01', end: '2028-12-31', services: ALL_SERVICES, enti: [['02118311006', 'ATTUATORE']], officer: 'Dott. Antonio Grasso' },
  { code: 'PROG-6-PR-3', title: 'SAI Siracusa — Ordinari', titolare: 'Siracusa', category: 'ORDINARI', status: 'ACTIVE', posti: 80, start: '2026-01-01', end: '2028-12-31', services: CORE_SERVICES, enti: [['04567890837', 'ATTUATORE']], associated: ['Augusta'], officer: 'Dott.ssa Lucia Di Mauro' },
  { code: 'PROG-7-PR-2', title: 'SAI Messina — Ordinari', titolare: 'Messina', category: 'ORDINARI', status: 'ACTIVE', posti: 100, start: '2026-01-01', end: '2028-12-31', services: ALL_SERVICES, enti: [['02987650898', 'ATTUATORE']], associated: ['Milazzo'], officer: 'Dott. Francesco Arena' },
  { code: 'PROG-8-PR-1', title: 'SAI Messina — Disagio mentale e disabilità', titolare: 'Messina', category: 'DM_DS', status: 'ACTIVE', posti: 10, start: '2026-01-01', end: '2028-12-31', services: [...CORE_SERVICES, 'TUTELA_PSICO_SOCIO_SANITARIA'], enti: [['02987650898', 'ATTUATORE']], officer: 'Dott. Francesco Arena' },
  { code: 'PROG-9-PR-2', title: 'SAI Agrigento — Ordinari', titolare: 'Agrigento', category: 'ORDINARI', status: 'ACTIVE', posti: 60, start: '2026-01-01', end: '2028-12-31', services: CORE_SERVICES, enti: [['01345670846', 'ATTUATORE']], officer: 'Dott.ssa Rosa Sciortino' },
  { code: 'PROG-10-PR-1', title: 'SAI Trapani — MSNA', titolare: 'Trapani', category: 'MSNA', status: 'PROSECUZIONE', posti: 30, start: '2023-01-01', end: '2025-12-31', services: ALL_SERVICES, enti: [['05876540815', 'ATTUATORE']], extensions: [['2026-12-31', DECREE(3125, '28/11/2025')]], officer: 'Dott. Vito Barraco' },
  { code: 'PROG-11-PR-2', title: 'SAI Ragusa — Ordinari', titolare: 'Ragusa', category: 'ORDINARI', status: 'ACTIVE', posti: 70, start: '2026-01-01', end: '2028-12-31', services: CORE_SERVICES, enti: [['03678900881', 'ATTUATORE']], associated: ['Modica'], officer: 'Dott.ssa Carmela Occhipinti' },
  { code: 'PROG-12-PR-1', title: 'SAI Caltanissetta — Ordinari', titolare: 'Caltanissetta', category: 'ORDINARI', status: 'ACTIVE', posti: 45, start: '2026-01-01', end: '2028-12-31', services: CORE_SERVICES, enti: [['01345670846', 'PARTNER'], ['05432100823', 'ATTUATORE']], officer: 'Dott. Michele Giarratana' },
  { code: 'PROG-13-PR-1', title: 'SAI Enna — Disagio mentale e disabilità', titolare: 'Enna', category: 'DM_DS', status: 'ACTIVE', posti: 12, start: '2026-01-01', end: '2028-12-31', services: [...CORE_SERVICES, 'TUTELA_PSICO_SOCIO_SANITARIA'], enti: [['02987650898', 'ATTUATORE']], officer: 'Dott.ssa Angela Pavone' },
  { code: 'PROG-14-PR-2', title: 'SAI Noto — Ordinari', titolare: 'Noto', category: 'ORDINARI', status: 'ACTIVE', posti: 30, start: '2026-01-01', end: '2028-12-31', services: CORE_SERVICES, enti: [['04567890837', 'ATTUATORE']], officer: 'Dott. Corrado Bonfanti' },
  { code: 'PROG-15-PR-1', title: 'SPRAR Noto — Ordinari 2020-2022', titolare: 'Noto', category: 'ORDINARI', status: 'CLOSED', posti: 20, start: '2020-01-01', end: '2022-12-31', services: CORE_SERVICES, enti: [['04567890837', 'ATTUATORE']], officer: 'Dott. Corrado Bonfanti', closed: 'Fine del triennio di finanziamento' },
  { code: 'PROG-16-PR-1', title: 'SAI Città metropolitana di Catania — MSNA', titolare: 'Città metropolitana di Catania', category: 'MSNA', status: 'ACTIVE', posti: 24, start: '2026-01-01', end: '2028-12-31', services: ALL_SERVICES, enti: [['02118311006', 'PARTNER'], ['06123450873', 'ATTUATORE']], officer: 'Dott.ssa Daniela Privitera' },
  { code: 'PROG-17-PR-1', title: 'SAI Vittoria — Ordinari', titolare: 'Vittoria', category: 'ORDINARI', status: 'ACTIVE', posti: 40, start: '2026-01-01', end: '2028-12-31', services: CORE_SERVICES, enti: [['03678900881', 'ATTUATORE']], officer: 'Dott. Giuseppe Nicosia' },
  { code: 'PROG-18-PR-2', title: 'SAI Mazara del Vallo — Ordinari', titolare: 'Mazara del Vallo', category: 'ORDINARI', status: 'ACTIVE', posti: 50, start: '2026-01-01', end: '2028-12-31', services: CORE_SERVICES, enti: [['05876540815', 'ATTUATORE']], officer: 'Dott.ssa Francesca Asaro' },
];

/** Steps of each membership: [status reached, date, reason]. The first is always the request. */
const MEMBERSHIPS: [DemoComune, string, [MembershipStatus, string, string | null][]][] = [
  ['Palermo', 'Dott.ssa Giovanna Lo Bue', [['REQUESTED', '2021-11-15', null], ['ACTIVE', '2021-11-30', 'Delibera di Giunta pervenuta']]],
  ['Catania', 'Dott.ssa Maria Grazia Russo', [['REQUESTED', '2021-11-16', null], ['ACTIVE', '2021-11-30', null]]],
  ['Siracusa', 'Dott.ssa Lucia Di Mauro', [['REQUESTED', '2021-11-20', null], ['ACTIVE', '2021-12-01', null]]],
  ['Messina', 'Dott. Francesco Arena', [['REQUESTED', '2021-11-22', null], ['ACTIVE', '2021-12-01', null]]],
  ['Agrigento', 'Dott.ssa Rosa Sciortino', [['REQUESTED', '2022-01-10', null], ['ACTIVE', '2022-01-20', null]]],
  ['Trapani', 'Dott. Vito Barraco', [['REQUESTED', '2022-02-03', null], ['ACTIVE', '2022-02-15', null]]],
  ['Ragusa', 'Dott.ssa Carmela Occhipinti', [['REQUESTED', '2022-03-01', null], ['ACTIVE', '2022-03-10', null]]],
  ['Mazara del Vallo', 'Dott.ssa Francesca Asaro', [['REQUESTED', '2023-05-02', null], ['ACTIVE', '2023-05-20', null]]],
  ['Città metropolitana di Catania', 'Dott.ssa Daniela Privitera', [['REQUESTED', '2022-06-06', null], ['ACTIVE', '2022-06-30', null]]],
  ['Noto', 'Dott. Corrado Bonfanti', [['REQUESTED', '2026-11-10', 'Adesione deliberata dalla Giunta il 5 novembre 2026']]],
  ['Vittoria', 'Dott. Giuseppe Nicosia', [['REQUESTED', '2026-11-18', null]]],
  ['Caltanissetta', 'Dott. Michele Giarratana', [['REQUESTED', '2024-02-01', null], ['REJECTED', '2024-02-20', 'Manca la delibera di adesione: ripresentare la richiesta con l’atto']]],
  ['Enna', 'Dott.ssa Angela Pavone', [['REQUESTED', '2022-04-04', null], ['ACTIVE', '2022-04-20', null], ['SUSPENDED', '2025-10-01', 'Referente non designato da oltre sei mesi']]],
  ['Licata', 'Dott. Angelo Cammilleri', [['REQUESTED', '2022-05-05', null], ['ACTIVE', '2022-05-25', null], ['WITHDRAWN', '2025-01-31', 'Recesso deliberato dal Consiglio comunale (progetto SAI concluso)']]],
];

const WORKING_GROUPS: [string, string, DemoComune[]][] = [
  ['MSNA', 'Tavolo tecnico sui minori stranieri non accompagnati: accoglienza, tutela, prosieguo amministrativo.', ['Palermo', 'Catania', 'Trapani', 'Città metropolitana di Catania']],
  ['Inserimento lavorativo', 'Tirocini, formazione professionale e rapporti con i centri per l’impiego.', ['Palermo', 'Siracusa', 'Messina', 'Agrigento', 'Ragusa']],
];

const PROFILES: [DemoComune, string, string, string, string][] = [
  ['Palermo', 'Area Cittadinanza Sociale — Servizio SAI', 'sai@comune.palermo.example', 'sai@cert.comune.palermo.example', '+39 091 740 0000'],
  ['Catania', 'Direzione Politiche sociali — Ufficio SAI', 'sai@comune.catania.example', 'sai@pec.comune.catania.example', '+39 095 742 0000'],
  ['Canicattini Bagni', 'Settore Servizi sociali', 'servizisociali@comune.canicattini.example', 'protocollo@pec.comune.canicattini.example', '+39 0931 540 000'],
];

/**
 * The network registry of the demo: projects, enti gestori, memberships in every state, two
 * working groups. Loaded once, on a database without projects, so that a restart keeps what
 * people changed; runs in the caller's transaction, as an administrator.
 */
export async function loadDemoRegistry(client: Client): Promise<void> {
  const { rows: existing } = await client.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM projects) + (SELECT count(*) FROM memberships) + (SELECT count(*) FROM enti_gestori) AS n`,
  );
  if (Number(existing[0]?.n) > 0) return;

  const { rows: comuni } = await client.query<{ id: string; istat_code: string }>(
    `SELECT id, istat_code FROM comuni WHERE istat_code = ANY($1)`,
    [Object.values(ISTAT)],
  );
  const idOf = (name: DemoComune): string => {
    const id = comuni.find((c) => c.istat_code === ISTAT[name])?.id;
    if (!id) throw new Error(`Demo data: no Comune ${name} in the reference data`);
    return id;
  };
  const { rows: secretariat } = await client.query<{ id: string; name: string }>(`SELECT id, name FROM users WHERE email = 'segreteria@coopera.example'`);
  const decider = secretariat[0] ?? null;

  const enteIds = new Map<string, string>();
  for (const e of ENTI) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO enti_gestori (name, tax_code, legal_form, seat_comune_id, email, version) VALUES ($1, $2, $3, $4, $5, 1) RETURNING id`,
      [e.name, e.taxCode, e.legalForm, idOf(e.seat), e.email],
    );
    enteIds.set(e.taxCode, String(rows[0]?.id));
  }

  for (const p of PROJECTS) {
    const comuneId = idOf(p.titolare);
    const expansions = p.expansions ?? [];
    const extensions = p.extensions ?? [];
    const effectiveEnd = extensions.reduce((end, [until]) => (until > end ? until : end), p.end);
    const slug = p.titolare.toLowerCase().replace(/[^a-z]+/g, '');
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO projects (comune_id, code, title, category, status, posti, posti_total, start_date, end_date, effective_end_date,
                             responsible_officer, mailbox, services, closed_at, closed_reason, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::sai_service[], $14, $15, 1) RETURNING id`,
      [
        comuneId,
        p.code,
        p.title,
        p.category,
        p.status,
        p.posti,
        p.posti + expansions.reduce((sum, [posti]) => sum + posti, 0),
        p.start,
        p.end,
        effectiveEnd,
        p.officer,
        `sai.${p.category.toLowerCase()}@${slug}.example`,
        p.services,
        p.closed ? `${p.end}T18:00:00Z` : null,
        p.closed ?? null,
      ],
    );
    const projectId = String(rows[0]?.id);
    for (const associated of p.associated ?? []) {
      await client.query(`INSERT INTO project_associated_comuni (project_id, comune_id, associated_comune_id) VALUES ($1, $2, $3)`, [
        projectId,
        comuneId,
        idOf(associated),
      ]);
    }
    for (const [position, [posti, from, act]] of expansions.entries()) {
      await client.query(
        `INSERT INTO project_expansions (project_id, comune_id, position, posti, effective_from, act_reference) VALUES ($1, $2, $3, $4, $5, $6)`,
        [projectId, comuneId, position, posti, from, act],
      );
    }
    for (const [position, [until, act]] of extensions.entries()) {
      await client.query(
        `INSERT INTO project_extensions (project_id, comune_id, position, until, act_reference) VALUES ($1, $2, $3, $4, $5)`,
        [projectId, comuneId, position, until, act],
      );
    }
    for (const [taxCode, role] of p.enti) {
      await client.query(`INSERT INTO project_enti_gestori (project_id, comune_id, ente_gestore_id, role) VALUES ($1, $2, $3, $4)`, [
        projectId,
        comuneId,
        enteIds.get(taxCode),
        role,
      ]);
    }
  }

  for (const [comune, referent, steps] of MEMBERSHIPS) {
    const comuneId = idOf(comune);
    const last = steps[steps.length - 1];
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO memberships (comune_id, status, referent_name, requested_at, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $4, $5, $6) RETURNING id`,
      [comuneId, last?.[0], referent, `${steps[0]?.[1]}T09:00:00+01:00`, `${last?.[1]}T${last?.[0] === 'REQUESTED' ? '09' : '11'}:00:00+01:00`, steps.length],
    );
    let from: MembershipStatus | null = null;
    for (const [to, date, reason] of steps) {
      const byReferent = to === 'REQUESTED';
      await client.query(
        `INSERT INTO membership_events (membership_id, comune_id, from_status, to_status, reason, actor_id, actor_name, actor_role, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          rows[0]?.id,
          comuneId,
          from,
          to,
          reason,
          byReferent ? null : (decider?.id ?? null),
          byReferent ? referent : (decider?.name ?? 'Segreteria del coordinamento'),
          byReferent ? 'COMUNE_REFERENT' : 'SECRETARIAT',
          `${date}T${byReferent ? '09' : '11'}:00:00+01:00`,
        ],
      );
      from = to;
    }
  }

  for (const [name, description, members] of WORKING_GROUPS) {
    const { rows } = await client.query<{ id: string }>(`INSERT INTO working_groups (name, description, version) VALUES ($1, $2, 1) RETURNING id`, [
      name,
      description,
    ]);
    for (const member of members) {
      await client.query(`INSERT INTO working_group_members (working_group_id, comune_id) VALUES ($1, $2)`, [rows[0]?.id, idOf(member)]);
    }
  }

  for (const [comune, office, email, pec, phone] of PROFILES) {
    await client.query(
      `INSERT INTO comune_profiles (comune_id, sai_office, email, pec, phone, coordination_referent, version) VALUES ($1, $2, $3, $4, $5, $6, 1)`,
      [idOf(comune), office, email, pec, phone, MEMBERSHIPS.find(([c]) => c === comune)?.[1] ?? null],
    );
  }
}
