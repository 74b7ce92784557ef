import { PASSWORD_MIN_LENGTH } from '@coopera/domain';
import type { SeedOptions } from './seed';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/coopera_national';
/** The demo's password: one password to remember for every account of every dataset. */
export const DEFAULT_PASSWORD = 'coopera-demo-2021';

export const USAGE = `Usage: npm run seed:national -- [options]

Loads the national dataset (every Italian Comune, ~1,000 SAI projects, 3,000 enti gestori,
2,000 meetings, 100,000 invitations, a year of audit events, the accounts) into a database of
its own, created if missing. Deterministic: the same seed, scale and day give the same rows.

  --database-url=URL  target (default ${DEFAULT_DATABASE_URL});
                      refused if it holds data, unless --reset
  --reset             drop and recreate the target first (only a database seed:national made)
  --seed=N            seed of the generator, a whole number (default 1)
  --scale=F           size, 1 = national (default 1; e.g. 0.01 for a quick one)
  --today=YYYY-MM-DD  the dataset's today (default: the current UTC date)
  --password=TEXT     password of every account (default ${DEFAULT_PASSWORD})
  --help              this text`;

export class UsageError extends Error {}

/** Parses `--name=value` arguments; anything unknown or malformed is an error, not ignored. */
export function parseOptions(argv: readonly string[], now = new Date()): SeedOptions | 'help' {
  const options: SeedOptions = {
    databaseUrl: DEFAULT_DATABASE_URL,
    seed: 1,
    scale: 1,
    today: now.toISOString().slice(0, 10),
    reset: false,
    password: DEFAULT_PASSWORD,
  };
  for (const arg of argv) {
    const [, name, value] = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg) ?? [];
    const need = (): string => {
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value: --${name}=…`);
      return value;
    };
    switch (name) {
      case 'help':
        return 'help';
      case 'reset':
        if (value !== undefined) throw new UsageError('--reset takes no value');
        options.reset = true;
        break;
      case 'database-url': {
        const url = need();
        if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--database-url must be a postgres:// URL`);
        options.databaseUrl = url;
        break;
      }
      case 'seed': {
        const seed = Number(need());
        if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed must be a whole number ≥ 0, not ${value}`);
        options.seed = seed;
        break;
      }
      case 'scale': {
        const scale = Number(need());
        if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new UsageError(`--scale must be a number in (0, 10], not ${value}`);
        options.scale = scale;
        break;
      }
      case 'today': {
        const today = need();
        const ms = Date.parse(`${today}T00:00:00Z`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== today) {
          throw new UsageError(`--today must be a date YYYY-MM-DD, not ${value}`);
        }
        // The coordination met first on 7 December 2021: a year of history needs the year after.
        if (today < '2022-12-07') throw new UsageError('--today must be 2022-12-07 or later (a year after the founding meeting)');
        options.today = today;
        break;
      }
      case 'password': {
        const password = need();
        if (password.length < PASSWORD_MIN_LENGTH) throw new UsageError(`--password must be at least ${PASSWORD_MIN_LENGTH} characters long`);
        options.password = password;
        break;
      }
      default:
        throw new UsageError(`Unknown argument ${arg}`);
    }
  }
  return options;
}
