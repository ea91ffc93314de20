import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logging/logger.js';
import { DEFAULT_ORGANIZATION } from '../platform/agents/sync-provisioning.js';
import { openDatabase } from '../platform/db/open-database.js';
import { seedDemoData } from '../platform/seed/index.js';

const HELP = `Usage: npm run seed -- [options]

Fills an organisation with realistic service-department data: customers, vehicles with valid
VINs, appointments over the past 60 and next 30 days, service history, bays and opening hours.
Uses the database the server uses (DATA_DIR or DATABASE_URL). With the embedded database, stop
the server first: only one process may open it.

  --customers N   how many customers (default 10000; ~1.6 vehicles and 0.8 appointments each)
  --org SLUG      organisation slug (default: ${DEFAULT_ORGANIZATION.slug}, created if missing)
  --seed N        random seed, for the same data every time (default 1)
`;

/** `switchboard seed`: demo data, fast. Prints one JSON line with the counts and the time taken. */
export async function runSeedCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      customers: { type: 'string', default: '10000' },
      org: { type: 'string', default: DEFAULT_ORGANIZATION.slug },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const customers = Number(values.customers);
  if (!Number.isInteger(customers) || customers < 1) {
    process.stderr.write('--customers must be a positive whole number\n');
    return 2;
  }
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logging.level });
  const database = await openDatabase({
    ...(config.platform.databaseUrl !== undefined
      ? { databaseUrl: config.platform.databaseUrl, schema: config.platform.databaseSchema }
      : { dataDir: join(config.platform.dataDir, 'pgdata') }),
    logger,
  });
  try {
    const orgId = await database.asSystem('seeding', async (db) => {
      await db
        .insertInto('organizations')
        .values({
          slug: values.org,
          name: values.org === DEFAULT_ORGANIZATION.slug ? DEFAULT_ORGANIZATION.name : values.org,
        })
        .onConflict((conflict) => conflict.column('slug').doNothing())
        .execute();
      return (
        await db
          .selectFrom('organizations')
          .select('id')
          .where('slug', '=', values.org)
          .executeTakeFirstOrThrow()
      ).id;
    });
    const result = await seedDemoData(database, orgId, {
      customers,
      seed: Number(values.seed),
      logger,
    });
    process.stdout.write(`${JSON.stringify({ organization: values.org, ...result })}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
