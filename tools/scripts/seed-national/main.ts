// npm run seed:national -- [--seed=N] [--scale=F] [--database-url=URL] [--reset] [--today=YYYY-MM-DD]
// Run by ts-node like the db:* scripts (package.json), so that it reuses the API's migrations,
// DataSource and password parameters from their TypeScript sources.
import { ACCOUNT_DOMAIN } from './accounts';
import { parseOptions, USAGE, UsageError } from './options';
import { seedNational } from './seed';
import { RefusedTarget, redact } from './target-database';

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }

  console.log(`Coopera national dataset → ${redact(options.databaseUrl)} (seed ${options.seed}, scale ${options.scale}, today ${options.today})`);
  try {
    const report = await seedNational(options, (line) => console.log(line));
    const width = Math.max(...Object.keys(report.counts).map((t) => t.length));
    const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
    console.log('\nRows per table:');
    for (const [table, n] of Object.entries(report.counts)) console.log(`  ${table.padEnd(width)} ${n.toLocaleString('en').padStart(9)}`);
    console.log(`  ${'total'.padEnd(width)} ${total.toLocaleString('en').padStart(9)}`);
    console.log(
      `\n${total.toLocaleString('en')} rows in ${(report.totalMs / 1000).toFixed(1)} s` +
        ` (database ${report.database}, ${report.migrations.length} migrations applied).`,
    );
    console.log(
      `Accounts (password "${options.password}"): admin@${ACCOUNT_DOMAIN}, segreteria@${ACCOUNT_DOMAIN}, ` +
        `servizio.centrale@${ACCOUNT_DOMAIN}, referente.<ISTAT code>@${ACCOUNT_DOMAIN} (e.g. referente.058091@… for Roma).`,
    );
    return 0;
  } catch (error) {
    if (error instanceof RefusedTarget) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
