import { AgendaItemKind, Delegate, InvitationStatus, MeetingMode, MeetingStatus, Speaker } from '@coopera/domain';
import { Client } from 'pg';

interface DemoMeeting {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  place: string | null;
  onlineUrl: string | null;
  seatLimit: number | null;
  workingGroup: string | null;
  status: MeetingStatus;
  /** Published minutes, in Markdown. */
  minutes?: string;
  /** Answers of invited Comuni (by ISTAT code); the other active members are invited and have not answered. */
  answers?: [string, InvitationStatus, Delegate[]][];
  /** The attendance register (ISTAT codes): those present, with the delegates they announced. */
  present?: string[];
  agenda: [AgendaItemKind, string, string, number | null, Speaker[]][];
}

const speaker = (name: string, role: string | null, organisation: string | null): Speaker => ({ name, role, organisation });

/**
 * A moment `days` after the first start of the demo, at `hour`:`minute` UTC: the upcoming meetings
 * stay upcoming whenever the demo is started (answers close when a meeting begins).
 */
function ahead(days: number, hour: number, minute = 0): string {
  const at = new Date();
  at.setUTCDate(at.getUTCDate() + days);
  at.setUTCHours(hour, minute, 0, 0);
  return at.toISOString();
}

/** The founding webinar exactly as the seed announces it, an upcoming plenary and a tavolo tecnico. */
export const DEMO_MEETINGS: DemoMeeting[] = [
  {
    title: 'Incontro per la costituzione di un coordinamento dei Comuni siciliani aderenti al SAI',
    description:
      'Webinar del progetto COOPERA – I Comuni Migliorano PER Arginare le vulnerabilità (FAMI 2014-2020): condividere strumenti, metodologie e buone pratiche, evidenziare il ruolo dei Comuni nella rete SAI e presentare le tappe del percorso.',
    startsAt: '2021-12-07T09:45:00+01:00',
    endsAt: '2021-12-07T13:15:00+01:00',
    mode: 'ONLINE',
    place: null,
    onlineUrl: 'https://videoconferenza.anci-sicilia.example/coopera-2021-12-07',
    seatLimit: null,
    workingGroup: null,
    status: 'MINUTES_PUBLISHED',
    minutes: [
      '# Verbale dell’incontro del 7 dicembre 2021',
      '',
      'Il webinar, promosso da ANCI Sicilia nell’ambito del progetto COOPERA, ha riunito i Comuni siciliani titolari di progetti SAI per costituire un coordinamento regionale.',
      '',
      '## Esiti',
      '',
      '- I Comuni presenti hanno condiviso l’obiettivo di un coordinamento stabile degli enti locali aderenti al SAI.',
      '- La segreteria del coordinamento è affidata ad ANCI Sicilia.',
      '- Saranno costituiti tavoli tecnici tematici, a partire dai minori stranieri non accompagnati e dall’inserimento lavorativo.',
      '',
      '## Prossimi passi',
      '',
      '1. Raccolta delle adesioni formali dei Comuni.',
      '2. Primo incontro dei tavoli tecnici nel 2022.',
    ].join('\n'),
    answers: [
      ['082053', 'ATTENDING', [{ name: 'Angela Errore', role: 'Responsabile U.O. Progetti di innovazione sociale' }]],
      ['087015', 'ATTENDING', [{ name: 'Dott.ssa Maria Grazia Russo', role: 'Referente SAI' }]],
      ['089017', 'ATTENDING', [{ name: 'Dott.ssa Lucia Di Mauro', role: 'Referente SAI' }]],
      ['083048', 'DECLINED', []],
    ],
    present: ['082053', '087015', '089017'],
    agenda: [
      ['REGISTRATION', 'Registrazione partecipanti', '2021-12-07T09:45:00+01:00', 15, []],
      ['OPENING', 'Apertura dei lavori', '2021-12-07T10:00:00+01:00', null, []],
      ['GREETINGS', 'Saluti istituzionali', '2021-12-07T10:10:00+01:00', null, [speaker('Mario Emanuele Alvano', 'Segretario Generale', 'ANCI Sicilia')]],
      [
        'TALK',
        'SAI e territorio, l’importanza di una visione',
        '2021-12-07T10:30:00+01:00',
        null,
        [speaker('Angela Errore', 'Responsabile U.O. Progetti di innovazione sociale; referente del Comune di Palermo', 'Comune di Palermo')],
      ],
      [
        'TALK',
        'L’azione dell’ANCI nell’ambito della Commissione immigrazione',
        '2021-12-07T11:00:00+01:00',
        null,
        [speaker('Camilla Orlandi', 'Responsabile Dipartimento per l’integrazione e l’accoglienza, gestione immigrazione', 'ANCI')],
      ],
      [
        'TALK',
        'Costruire collaborazioni nei territori. Gli enti locali e il lavoro di rete nel SAI',
        '2021-12-07T11:30:00+01:00',
        null,
        [
          speaker('Sebino Scaglione', 'Sociologo, presidente', 'Cooperativa Passwork'),
          speaker('Andrea Baffo', 'Coordinatore SAI DM-DS', 'Comune di Canicattini Bagni'),
          speaker('Nicola Grigion', null, 'Servizio Centrale SAI'),
        ],
      ],
      ['QA', 'Domande e risposte', '2021-12-07T12:30:00+01:00', 30, []],
      ['CLOSING', 'Chiusura dei lavori', '2021-12-07T13:00:00+01:00', null, []],
    ],
  },
  {
    title: 'Assemblea plenaria del coordinamento — programma 2027',
    description: 'Bilancio del primo anno di Coopera e programma delle attività 2027 del coordinamento.',
    startsAt: ahead(21, 9),
    endsAt: ahead(21, 12),
    mode: 'HYBRID',
    place: 'ANCI Sicilia, via Maqueda 100, Palermo',
    onlineUrl: 'https://videoconferenza.anci-sicilia.example/plenaria-programma-2027',
    // A small room, so that the demo shows a waiting list.
    seatLimit: 3,
    workingGroup: null,
    status: 'CONVENED',
    agenda: [
      ['REGISTRATION', 'Accoglienza e registrazione', ahead(21, 9), 20, []],
      ['OPENING', 'Apertura dei lavori', ahead(21, 9, 20), 10, [speaker('Mario Emanuele Alvano', 'Segretario Generale', 'ANCI Sicilia')]],
      ['TALK', 'Un anno di coordinamento: dati e risultati', ahead(21, 9, 30), 45, []],
      ['QA', 'Interventi dei Comuni', ahead(21, 10, 15), 90, []],
      ['CLOSING', 'Conclusioni', ahead(21, 11, 45), 15, []],
    ],
    answers: [
      ['082053', 'ATTENDING', [{ name: 'Dott.ssa Giovanna Lo Bue', role: 'Referente SAI' }, { name: 'Dott. Salvatore Messina', role: 'Responsabile progetto MSNA' }]],
      ['087015', 'ATTENDING', [{ name: 'Dott.ssa Maria Grazia Russo', role: 'Referente SAI' }]],
      ['083048', 'ATTENDING', [{ name: 'Dott. Francesco Arena', role: 'Referente SAI' }]],
      ['089017', 'WAITING', [{ name: 'Dott.ssa Lucia Di Mauro', role: 'Referente SAI' }]],
      ['084001', 'DECLINED', []],
    ],
  },
  {
    title: 'Tavolo tecnico MSNA — prosieguo amministrativo e tutori volontari',
    description: 'Confronto tra i progetti MSNA sul prosieguo amministrativo e sulla collaborazione con i tutori volontari.',
    startsAt: ahead(56, 14),
    endsAt: ahead(56, 16),
    mode: 'ONLINE',
    place: null,
    onlineUrl: 'https://videoconferenza.anci-sicilia.example/tavolo-msna',
    seatLimit: null,
    workingGroup: 'MSNA',
    status: 'DRAFT',
    agenda: [['OPENING', 'Introduzione del tavolo', ahead(56, 14), 15, []]],
  },
];

/** The demo meetings, loaded once, on a database without meetings; in the caller's transaction. */
export async function loadDemoMeetings(client: Client): Promise<void> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM meetings`);
  if (Number(rows[0]?.n) > 0) return;
  for (const m of DEMO_MEETINGS) {
    const { rows: created } = await client.query<{ id: string }>(
      `INSERT INTO meetings (title, description, starts_at, ends_at, mode, place, online_url, seat_limit, working_group_id, status,
                             minutes_markdown, minutes_published_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT id FROM working_groups WHERE name = $9), $10, $11,
               CASE WHEN $11::text IS NOT NULL THEN $4::timestamptz + interval '3 days' END, 1) RETURNING id`,
      [m.title, m.description, m.startsAt, m.endsAt, m.mode, m.place, m.onlineUrl, m.seatLimit, m.workingGroup, m.status, m.minutes ?? null],
    );
    if (m.answers) {
      await client.query(
        `INSERT INTO meeting_invitations (meeting_id, comune_id, version) SELECT $1, comune_id, 1 FROM memberships WHERE status = 'ACTIVE'`,
        [created[0]?.id],
      );
      for (const [istat, status, delegates] of m.answers) {
        await client.query(
          // Answered before the meeting: a week before it, or now for one still ahead.
          `UPDATE meeting_invitations SET status = $3::invitation_status, delegates = $4, answered_by_name = 'Referente del Comune',
                  answered_at = least(now(), $5::timestamptz - interval '7 days'),
                  waiting_since = CASE WHEN $3::text = 'WAITING' THEN least(now(), $5::timestamptz - interval '7 days') END
           WHERE meeting_id = $1 AND comune_id = (SELECT id FROM comuni WHERE istat_code = $2)`,
          [created[0]?.id, istat, status, JSON.stringify(delegates), m.startsAt],
        );
      }
      await client.query(
        `UPDATE meeting_invitations i SET present = c.istat_code = ANY($2), present_delegates = CASE WHEN c.istat_code = ANY($2)
                THEN (SELECT coalesce(jsonb_agg(d->>'name'), '[]'::jsonb) FROM jsonb_array_elements(i.delegates) d) ELSE '[]'::jsonb END
         FROM comuni c WHERE c.id = i.comune_id AND i.meeting_id = $1 AND $3`,
        [created[0]?.id, m.present ?? [], m.present !== undefined],
      );
    }
    for (const [position, [kind, title, startsAt, duration, speakers]] of m.agenda.entries()) {
      await client.query(
        `INSERT INTO meeting_agenda_items (meeting_id, position, kind, title, starts_at, duration_minutes, speakers) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [created[0]?.id, position, kind, title, startsAt, duration, JSON.stringify(speakers)],
      );
    }
  }
}
