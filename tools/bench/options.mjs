// Command-line options of `npm run bench`, with the defaults the issue asks for (5 rounds of
// 10 s after 3 s of warm-up, 32 connections) and a --quick mode for trying things out.

export const ENDPOINT_NAMES = ['directory', 'project', 'meeting', 'dashboard', 'project-update'];

const DEFAULTS = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/coopera_national',
  // Found in the database when not given: the first active account of the role, by e-mail.
  account: null,
  writeAccount: null,
  // The one password of every account of the national dataset (and of the demo), unless the
  // seed was given another: npm run seed:national -- --password=…
  password: process.env.COOPERA_BENCH_PASSWORD ?? 'coopera-demo-2021',
  rounds: 5,
  duration: 10,
  warmup: 3,
  connections: 32,
  only: ENDPOINT_NAMES,
  directoryQuery: 'kind=COMUNE&sort=-postiTotal&pageSize=50',
  projectId: null,
  meetingId: null,
  logLevel: 'warn',
  poolSize: 10,
  apiPort: 3100,
  baselinePort: 3101,
  build: true,
  profile: null,
  quick: false,
};

const HELP = `npm run bench -- [options]

  --database-url=URL      owner connection of the dataset (default ${DEFAULTS.databaseUrl})
  --account=EMAIL         reading account (default: the SERVIZIO_CENTRALE account with the
                          shortest address, e.g. servizio.centrale@nazionale.coopera.example)
  --write-account=EMAIL   writing account (default: likewise the SECRETARIAT's, segreteria@…)
  --password=PW           their password (default COOPERA_BENCH_PASSWORD, else the seed's
                          default coopera-demo-2021)
  --rounds=N              rounds, each endpoint against the API and the baseline (default 5)
  --duration=S            measured seconds per run (default 10)
  --warmup=S              warm-up seconds before each run, not measured (default 3)
  --connections=N         concurrent connections (default 32)
  --only=a,b              endpoints among ${ENDPOINT_NAMES.join(', ')}
  --directory-query=QS    query string of the directory list (default ${DEFAULTS.directoryQuery})
  --project-id=UUID       project read by "project" (default: the open one with most parts)
  --meeting-id=UUID       meeting read by "meeting" (default: the one with most invitations)
  --log-level=LEVEL       the API's LOG_LEVEL (default warn; production's compose file says info)
  --pool-size=N           database pool of both servers, the API's DB_POOL_SIZE (default 10)
  --api-port=N --baseline-port=N   (defaults 3100, 3101)
  --no-build              use dist/apps/api/main.js as it is
  --profile=ENDPOINT      instead of the rounds: one run of ENDPOINT against each server under
                          node --cpu-prof, and the top frames of both profiles
  --quick                 1 round of 2 s after 1 s of warm-up; results not written to bench/results
`;

function toCamel(name) {
  return name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

export function parseOptions(argv) {
  const options = { ...DEFAULTS };
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(HELP);
      process.exit(0);
    }
    const match = /^--(no-)?([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unknown argument ${arg} (see --help)`);
    const [, negated, name, value] = match;
    const key = toCamel(name);
    if (!(key in DEFAULTS)) throw new Error(`Unknown option --${name} (see --help)`);
    if (typeof DEFAULTS[key] === 'boolean') options[key] = !negated;
    else if (value === undefined) throw new Error(`--${name} needs a value`);
    else if (typeof DEFAULTS[key] === 'number') {
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--${name} must be a positive integer`);
      options[key] = Number(value);
    } else if (key === 'only') options.only = value.split(',').map((v) => v.trim());
    else options[key] = value;
  }
  if (options.quick) {
    // Explicit options still win over the quick defaults.
    const given = new Set(argv.map((a) => toCamel(a.replace(/^--/, '').split('=')[0])));
    if (!given.has('rounds')) options.rounds = 1;
    if (!given.has('duration')) options.duration = 2;
    if (!given.has('warmup')) options.warmup = 1;
  }
  const unknown = options.only.filter((n) => !ENDPOINT_NAMES.includes(n));
  if (unknown.length) throw new Error(`Unknown endpoint ${unknown.join(', ')} (known: ${ENDPOINT_NAMES.join(', ')})`);
  if (options.profile && !ENDPOINT_NAMES.includes(options.profile)) throw new Error(`--profile must name an endpoint: ${ENDPOINT_NAMES.join(', ')}`);
  return options;
}
