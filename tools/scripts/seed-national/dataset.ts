import { Accounts } from './accounts';
import { makeAuditTrail } from './audit-trail';
import { makeMeetings } from './meetings';
import { Random } from './random';
import { loadReferenceComuni } from './reference-comuni';
import { makeRegistry } from './registry';
import type { ComuneRow, Dataset } from './tables';
import { clockOf, ComuneRecord, FULL_SCALE, iso } from './world';

export interface DatasetOptions {
  seed: number;
  /** 1 = the national network (1,000 projects …); 0.01 for tests. The Comuni are always all there. */
  scale: number;
  /** YYYY-MM-DD: the dataset's today. */
  today: string;
}

/**
 * The whole national dataset in memory, without the database: the same options make the same
 * rows. The accounts' password hash is left to the caller (it is computed once, concurrently).
 */
export function makeDataset(options: DatasetOptions): { rows: Omit<Dataset, 'users'>; accounts: Accounts } {
  const clock = clockOf(options.today);
  const root = new Random(options.seed, 'coopera-national');
  const sized = (n: number) => Math.max(1, Math.round(n * options.scale));

  const ids = root.fork('comuni');
  const comuni: ComuneRecord[] = loadReferenceComuni().map((c) => ({ ...c, id: ids.uuid() }));
  // The reference data was there before the portal opened.
  const loaded = iso(clock.launch - 7 * 86_400_000);
  const comuneRows: ComuneRow[] = comuni.map((c) => ({
    id: c.id,
    kind: c.kind,
    istat_code: c.istatCode,
    name: c.name,
    province: c.province,
    codice_catastale: c.codiceCatastale,
    population: c.population,
    created_at: loaded,
    updated_at: loaded,
  }));

  const accounts = new Accounts(root.fork('accounts'), clock);
  const registry = makeRegistry(root.fork('registry'), clock, comuni, accounts, {
    projects: sized(FULL_SCALE.projects),
    entiGestori: sized(FULL_SCALE.entiGestori),
    membersWithoutProjects: sized(FULL_SCALE.membersWithoutProjects),
  });
  const meetings = makeMeetings(root.fork('meetings'), clock, registry, accounts, {
    meetings: sized(FULL_SCALE.meetings),
    invitations: sized(FULL_SCALE.invitations),
  });
  accounts.settle();
  const audit = makeAuditTrail(root.fork('audit'), clock, accounts, registry, meetings, sized(FULL_SCALE.auditEvents));

  return {
    accounts,
    rows: {
      comuni: comuneRows,
      ...registry.rows,
      ...meetings.rows,
      audit_events: audit,
    },
  };
}
