import { PracticeKind } from '@coopera/domain';
import { Client } from 'pg';

interface DemoPractice {
  title: string;
  summary: string;
  kind: PracticeKind;
  tags: string[];
  /** ISTAT code of the sharing Comune; null: the coordination. */
  comune: string | null;
  link: string | null;
}

/** The library's first entries: what the seed says the coordination exists to share. */
export const DEMO_PRACTICES: DemoPractice[] = [
  {
    title: 'Tirocini formativi per titolari di protezione',
    summary:
      'Percorsi di sei mesi con imprese del territorio: convenzione tipo, individuazione del tutor aziendale, bilancio delle competenze in ingresso e borsa lavoro. In tre anni, due tirocinanti su tre hanno avuto un contratto.',
    kind: 'BUONA_PRATICA',
    tags: ['lavoro', 'tirocini', 'imprese'],
    comune: '089005', // Canicattini Bagni
    link: null,
  },
  {
    title: 'Modello di convenzione con le aziende ospitanti',
    summary:
      'Schema di convenzione tra il Comune titolare, l’ente gestore e l’azienda che ospita un tirocinio: obblighi delle parti, assicurazione INAIL, orari e tutoraggio. Da adattare alla normativa regionale sui tirocini extracurriculari.',
    kind: 'MODELLO_DOCUMENTO',
    tags: ['lavoro', 'tirocini', 'modelli'],
    comune: null,
    link: null,
  },
  {
    title: 'Mappatura dei servizi del territorio per i nuovi accolti',
    summary:
      'Uno strumento condiviso con i servizi sociali e sanitari del distretto: schede dei servizi (ASP, centri per l’impiego, CPIA, consultori), orari e referenti, aggiornate ogni sei mesi dall’équipe del progetto.',
    kind: 'STRUMENTO',
    tags: ['rete territoriale', 'servizi'],
    comune: '082053', // Palermo
    link: 'https://www.comune.palermo.it/',
  },
  {
    title: 'Accoglienza dei minori stranieri non accompagnati in famiglia',
    summary:
      'Metodologia per l’affiancamento familiare dei MSNA in uscita dall’accoglienza: selezione e formazione delle famiglie, patto educativo, incontri di monitoraggio mensili con l’assistente sociale e il tutore volontario.',
    kind: 'METODOLOGIA',
    tags: ['msna', 'famiglie', 'autonomia'],
    comune: '087015', // Catania
    link: null,
  },
];

/** Loaded once, as the rest of the demo data. */
export async function loadDemoPractices(client: Client): Promise<void> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM practices`);
  if (Number(rows[0]?.n) > 0) return;
  for (const p of DEMO_PRACTICES) {
    await client.query(
      `INSERT INTO practices (title, summary, kind, tags, comune_id, link, author_name, version)
       VALUES ($1, $2, $3, $4, (SELECT id FROM comuni WHERE istat_code = $5), $6, $7, 1)`,
      [p.title, p.summary, p.kind, p.tags, p.comune, p.link, p.comune ? null : 'Segreteria del coordinamento'],
    );
  }
}
