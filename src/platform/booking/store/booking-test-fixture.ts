import type { SwitchboardDatabase } from '../../db/switchboard-database.js';
import { createOrganization } from '../../tenancy/organizations.js';
import { zonedTimeToUtc } from '../slots/index.js';
import { computeVinCheckDigit } from '../vin/index.js';
import { setBusinessHours } from './business-hours-store.js';
import { createServiceBay } from './service-bay-store.js';

/**
 * Shared set-up for the booking tests (not exported from the folder): an organisation in New York
 * with two bays, open Monday to Friday 08:00–17:00 and Saturday 09:00–12:00.
 */

/** Monday 2 March 2026, 07:00 in New York: before opening on a working day. */
export const TEST_NOW = new Date('2026-03-02T12:00:00Z');
export const TEST_TIME_ZONE = 'America/New_York';

/** Creates the test organisation and returns its id and bay ids (in booking order). */
export async function createBookingTestOrganization(
  database: SwitchboardDatabase,
  name: string,
  bayCount = 2,
): Promise<{ orgId: string; bayIds: string[] }> {
  const organization = await createOrganization(database, {
    name,
    slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${Math.random().toString(36).slice(2, 8)}`,
    timeZone: TEST_TIME_ZONE,
  });
  const bayIds = await database.forOrganization(organization.id, async (trx) => {
    await setBusinessHours(trx, organization.id, [
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '17:00' })),
      { weekday: 6, opens: '09:00', closes: '12:00' },
    ]);
    const ids: string[] = [];
    for (let index = 1; index <= bayCount; index += 1)
      ids.push((await createServiceBay(trx, organization.id, { name: `Bay ${index}` })).id);
    return ids;
  });
  return { orgId: organization.id, bayIds };
}

/** A valid VIN: the 16 characters given around position 9, with the check digit computed. */
export function makeTestVin(withoutCheckDigit: string): string {
  const draft = `${withoutCheckDigit.slice(0, 8)}0${withoutCheckDigit.slice(8)}`;
  return `${draft.slice(0, 8)}${computeVinCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
}

/** The instant of a New York wall time ('HH:MM') on a day of March 2026. */
export function newYorkTime(day: number, time: string): Date {
  const date = `2026-03-${String(day).padStart(2, '0')}`;
  const instant = zonedTimeToUtc(date, time, TEST_TIME_ZONE);
  if (instant === undefined) throw new Error(`${date} ${time} does not exist in New York`);
  return instant;
}
