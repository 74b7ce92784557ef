import type { Role } from '@coopera/domain';
import { person } from './people';
import type { Random } from './random';
import type { UserRow } from './tables';
import { Account, Clock, ComuneRecord, DAY, iso } from './world';

/** Addresses of the national dataset's accounts; the demo's (`@coopera.example`) are never made here. */
export const ACCOUNT_DOMAIN = 'nazionale.coopera.example';

const STAFF: [Role, string, string, number][] = [
  ['ADMIN', 'admin', 'Amministratore della piattaforma', 3],
  ['SECRETARIAT', 'segreteria', 'Segreteria del coordinamento', 12],
  ['SERVIZIO_CENTRALE', 'servizio.centrale', 'Servizio Centrale SAI', 6],
];

/**
 * The accounts: a few administrators, the secretariat and the Servizio Centrale (the first of
 * each with the well-known address `admin@…`, `segreteria@…`, `servizio.centrale@…`), and one
 * referent per Comune that holds a project or a membership (`referente.<ISTAT code>@…`), made
 * when the registry first needs one.
 */
export class Accounts {
  readonly admins: Account[] = [];
  readonly secretariat: Account[] = [];
  readonly centrale: Account[] = [];
  private readonly referents = new Map<string, Account>();

  constructor(
    private readonly rng: Random,
    private readonly clock: Clock,
  ) {
    for (const [role, local, title, count] of STAFF) {
      for (let n = 1; n <= count; n++) {
        const who = person(rng);
        const account: Account = {
          id: rng.uuid(),
          email: `${local}${n === 1 ? '' : `.${n}`}@${ACCOUNT_DOMAIN}`,
          name: n === 1 ? title : who.name,
          role,
          comune: null,
          person: who,
          createdAt: 0,
          activatedAt: 0,
          active: true,
          ip: n <= 2 || role !== 'SERVIZIO_CENTRALE' ? `93.62.141.${10 + n}` : `151.1.${rng.int(0, 255)}.${rng.int(1, 254)}`,
          // The staff were there when the portal opened.
          firstActivity: clock.launch - rng.int(1, 10) * DAY,
          version: 1,
          updatedAt: 0,
        };
        (role === 'ADMIN' ? this.admins : role === 'SECRETARIAT' ? this.secretariat : this.centrale).push(account);
      }
    }
  }

  /** The referent of a Comune, made the first time it is asked for. */
  referentOf(comune: ComuneRecord): Account {
    let account = this.referents.get(comune.id);
    if (!account) {
      const who = person(this.rng);
      account = {
        id: this.rng.uuid(),
        email: `referente.${comune.istatCode}@${ACCOUNT_DOMAIN}`,
        name: who.formal,
        role: 'COMUNE_REFERENT',
        comune,
        person: who,
        createdAt: 0,
        activatedAt: 0,
        active: true,
        ip: `${this.rng.pick([79, 80, 82, 87, 93, 151, 188, 212, 213, 217])}.${this.rng.int(0, 255)}.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}`,
        firstActivity: Number.POSITIVE_INFINITY,
        version: 1,
        updatedAt: 0,
      };
      this.referents.set(comune.id, account);
    }
    return account;
  }

  hasReferent(comune: ComuneRecord): boolean {
    return this.referents.has(comune.id);
  }

  /** Records that the account acted at `at`: it must exist by then. */
  actedAt(account: Account, at: number): void {
    if (at < account.firstActivity) account.firstActivity = at;
  }

  get staff(): Account[] {
    return [...this.admins, ...this.secretariat, ...this.centrale];
  }

  get all(): Account[] {
    return [...this.staff, ...this.referents.values()];
  }

  /**
   * Dates each account just before its first act (a referent who never acted: some day since
   * the portal opened), then its row. Call once the registry and meetings are made.
   */
  settle(): void {
    for (const account of this.all) {
      const first = Math.min(account.firstActivity, this.clock.today - DAY);
      const earliest = Math.min(first, Math.max(this.clock.launch, first - 20 * DAY));
      account.createdAt = account.firstActivity === Number.POSITIVE_INFINITY
        ? this.clock.launch + Math.floor(this.rng.float() * (this.clock.today - 30 * DAY - this.clock.launch))
        : earliest + Math.floor(this.rng.float() * (first - earliest));
      account.updatedAt = account.createdAt;
      // Activated within a day of its creation, and before its first act.
      account.activatedAt = Math.max(account.createdAt, Math.min(account.createdAt + this.rng.int(5, 24 * 60) * 60_000, first - 60_000));
    }
  }

  rows(passwordHash: string): UserRow[] {
    return this.all.map((a) => ({
      id: a.id,
      email: a.email,
      name: a.name,
      role: a.role,
      comune_id: a.comune?.id ?? null,
      active: a.active,
      password_hash: passwordHash,
      version: a.version,
      created_at: iso(a.createdAt),
      updated_at: iso(a.updatedAt),
    }));
  }
}
