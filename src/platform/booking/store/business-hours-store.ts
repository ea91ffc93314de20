import type { TenantTransaction } from '../../db/switchboard-database.js';
import { formatClockTime, groupBusinessHours } from '../slots/business-hours.js';
import type { BusinessHours } from '../slots/index.js';

/**
 * Replaces the organisation's weekly hours with `hours` ('HH:MM', closes may be '24:00'; several
 * intervals a day for a lunch break). Overlapping or touching intervals are merged before they
 * are stored. An empty list closes the organisation to bookings.
 *
 * @throws ConfigError naming the bad entry, e.g. `businessHours[2].closes`.
 * @returns the hours as stored.
 */
export async function setBusinessHours(
  trx: TenantTransaction,
  orgId: string,
  hours: readonly BusinessHours[],
): Promise<BusinessHours[]> {
  const merged = [...groupBusinessHours(hours)].flatMap(([weekday, intervals]) =>
    intervals.map((interval) => ({
      weekday,
      opens: formatClockTime(interval.opens),
      closes: interval.closes >= 1440 ? '24:00' : formatClockTime(interval.closes),
    })),
  );
  await trx.deleteFrom('business_hours').execute();
  if (merged.length > 0) {
    await trx
      .insertInto('business_hours')
      .values(merged.map((entry) => ({ org_id: orgId, ...entry })))
      .execute();
  }
  return listBusinessHours(trx);
}

/** The weekly hours, by weekday (0 = Sunday) then opening time, in the form the slot maths takes. */
export async function listBusinessHours(trx: TenantTransaction): Promise<BusinessHours[]> {
  const rows = await trx
    .selectFrom('business_hours')
    .select(['weekday', 'opens', 'closes'])
    .orderBy('weekday')
    .orderBy('opens')
    .execute();
  return rows.map((row) => ({
    weekday: row.weekday,
    opens: toClockTime(row.opens),
    closes: toClockTime(row.closes),
  }));
}

/** Postgres prints `time` as 'HH:MM:SS' (and the end of the day as '24:00:00'). */
function toClockTime(value: string): string {
  return value.slice(0, 5);
}
