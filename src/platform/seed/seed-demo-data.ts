import { SwitchboardError } from '../../errors/index.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { setBusinessHours } from '../booking/store/index.js';
import { buildDemoRows } from './demo-rows.js';
import { demoPhoneCapacity } from './demo-phones.js';
import { DEMO_BUSINESS_HOURS, planDemoSchedule } from './demo-schedule.js';
import { createSeededRandom } from './seeded-random.js';

/** Options of {@link seedDemoData}. */
export interface SeedDemoDataOptions {
  /** How many customers to create (0 to about 45,000). */
  readonly customers: number;
  /** PRNG seed; the same seed gives the same names, phones, VINs and schedule. Default 1. */
  readonly seed?: number;
  /** The reference time: appointments span 60 days before it to 30 days after. Default: now. */
  readonly now?: Date;
  readonly logger?: Logger;
  /** Number of service bays; default 4, more when 4 cannot hold the appointments. */
  readonly bays?: number;
  /** Appointments per customer on average; default 0.8. */
  readonly appointmentsPerCustomer?: number;
}

/** What {@link seedDemoData} wrote. */
export interface SeedDemoDataResult {
  readonly customers: number;
  readonly vehicles: number;
  readonly appointments: number;
  readonly serviceRecords: number;
  readonly bays: number;
  readonly elapsedMs: number;
}

/** Rows per multi-row insert: large enough to be fast, well under the 65,535 parameter limit. */
const batchSize = 1000;

/**
 * Fills an organisation that has no customers yet with a realistic service department: customers
 * with distinct fictional phone numbers (+1 AAA 555-01XX), valid VINs, bays ("Bay 1" …), demo
 * business hours (replacing the organisation's), appointments without overlaps over the past 60
 * and next 30 days, and service history for the completed ones. Everything is written in one
 * `forOrganization` transaction with multi-row inserts, so it is all or nothing.
 *
 * @throws SwitchboardError `seed_target_not_empty` when the organisation already has customers;
 *   `seed_too_large` when there are not enough fictional phone numbers.
 * @example await seedDemoData(database, orgId, { customers: 10_000, seed: 42 });
 */
export async function seedDemoData(
  database: SwitchboardDatabase,
  orgId: string,
  options: SeedDemoDataOptions,
): Promise<SeedDemoDataResult> {
  const started = performance.now();
  const logger = options.logger ?? silentLogger;
  const customerCount = options.customers;
  if (
    !Number.isInteger(customerCount) ||
    customerCount < 0 ||
    customerCount > demoPhoneCapacity()
  ) {
    throw new SwitchboardError(
      `customers must be a whole number from 0 to ${demoPhoneCapacity()}, got ${customerCount}.`,
      {
        code: 'seed_too_large',
      },
    );
  }
  const random = createSeededRandom(options.seed ?? 1);
  const now = options.now ?? new Date();
  const counts = await database.forOrganization(orgId, async (trx) => {
    const existing = await trx.selectFrom('customers').select('id').limit(1).executeTakeFirst();
    if (existing !== undefined) {
      throw new SwitchboardError(
        'The organisation already has customers; demo data is only seeded into an empty one.',
        {
          code: 'seed_target_not_empty',
        },
      );
    }
    const { time_zone: timeZone } = await trx
      .selectFrom('organizations')
      .select('time_zone')
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    await setBusinessHours(trx, orgId, DEMO_BUSINESS_HOURS);
    const target = Math.round(customerCount * (options.appointmentsPerCustomer ?? 0.8));
    const plan = planDemoSchedule(random, {
      now,
      timeZone,
      target,
      ...(options.bays === undefined ? {} : { bays: options.bays }),
    });
    const names = Array.from({ length: plan.bayCount }, (_, index) => `Bay ${index + 1}`);
    await trx
      .insertInto('service_bays')
      .values(names.map((name) => ({ org_id: orgId, name })))
      .onConflict((conflict) => conflict.columns(['org_id', 'name']).doNothing())
      .execute();
    const bays = await trx
      .selectFrom('service_bays')
      .select(['id', 'name'])
      .where('name', 'in', names)
      .execute();
    const bayIds = names.map((name) => bays.find((bay) => bay.name === name)?.id ?? '');
    const rows = buildDemoRows(random, {
      orgId,
      customers: customerCount,
      now,
      bayIds,
      plan: plan.appointments,
    });
    for (let start = 0; start < rows.customers.length; start += batchSize)
      await trx
        .insertInto('customers')
        .values(rows.customers.slice(start, start + batchSize))
        .execute();
    for (let start = 0; start < rows.vehicles.length; start += batchSize)
      await trx
        .insertInto('vehicles')
        .values(rows.vehicles.slice(start, start + batchSize))
        .execute();
    for (let start = 0; start < rows.appointments.length; start += batchSize)
      await trx
        .insertInto('appointments')
        .values(rows.appointments.slice(start, start + batchSize))
        .execute();
    for (let start = 0; start < rows.serviceHistory.length; start += batchSize)
      await trx
        .insertInto('service_history')
        .values(rows.serviceHistory.slice(start, start + batchSize))
        .execute();
    return {
      customers: rows.customers.length,
      vehicles: rows.vehicles.length,
      appointments: rows.appointments.length,
      serviceRecords: rows.serviceHistory.length,
      bays: plan.bayCount,
    };
  });
  const result = { ...counts, elapsedMs: Math.round(performance.now() - started) };
  logger.info({ orgId, ...result }, 'demo data seeded');
  return result;
}
