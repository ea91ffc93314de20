import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../testing/database/test-databases.js';
import { decodeVin, validateVin } from '../booking/vin/index.js';
import {
  isWithinBusinessHours,
  listBusinessHours,
  listServiceBays,
} from '../booking/store/index.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { toE164 } from '../numbers/phone-numbers.js';
import { createOrganization } from '../tenancy/organizations.js';
import { DEMO_BUSINESS_HOURS, seedDemoData } from './index.js';

const now = new Date('2026-03-02T18:00:00Z');
const timeZone = 'America/Chicago';

describe.each(testBackends())('seedDemoData on $name', (backend) => {
  let database: SwitchboardDatabase;
  const newOrganization = async (name: string): Promise<string> =>
    (
      await createOrganization(database, {
        name,
        slug: `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`,
        timeZone,
      })
    ).id;

  beforeAll(async () => {
    database = await backend.open();
  }, 60_000);
  afterAll(async () => database?.close());

  it('writes the expected amounts of consistent, valid data', async () => {
    const orgId = await newOrganization('Seeded');
    const result = await seedDemoData(database, orgId, { customers: 150, seed: 7, now });
    expect(result).toMatchObject({ customers: 150, appointments: 120, bays: 4 });
    expect(result.vehicles).toBeGreaterThan(150 * 1.3);
    expect(result.vehicles).toBeLessThan(150 * 1.9);
    expect(result.serviceRecords).toBeGreaterThan(0);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);

    const data = await database.forOrganization(orgId, async (trx) => ({
      customers: await trx.selectFrom('customers').select(['phone']).execute(),
      vehicles: await trx.selectFrom('vehicles').select(['vin', 'make', 'model_year']).execute(),
      appointments: await trx.selectFrom('appointments').selectAll().orderBy('starts_at').execute(),
      history: await trx.selectFrom('service_history').select(['id']).execute(),
      hours: await listBusinessHours(trx),
      bays: await listServiceBays(trx),
    }));
    expect(data.customers).toHaveLength(150);
    const phones = data.customers.map((customer) => customer.phone ?? '');
    expect(new Set(phones).size).toBe(150);
    for (const phone of phones) expect(toE164(phone)).toBe(phone);
    expect(data.vehicles).toHaveLength(result.vehicles);
    for (const vehicle of data.vehicles) {
      expect(validateVin(vehicle.vin)).toEqual({ valid: true, vin: vehicle.vin });
      const decoded = decodeVin(vehicle.vin, { now });
      expect([decoded.manufacturer, decoded.modelYear]).toEqual([vehicle.make, vehicle.model_year]);
    }
    expect(data.hours).toEqual(DEMO_BUSINESS_HOURS);
    expect(data.bays.map((bay) => bay.name)).toEqual(['Bay 1', 'Bay 2', 'Bay 3', 'Bay 4']);
    expect(data.history).toHaveLength(
      data.appointments.filter((row) => row.status === 'completed').length,
    );

    const rules = { timeZone, businessHours: data.hours };
    const lastEndByBay = new Map<string, number>();
    for (const appointment of data.appointments) {
      expect(isWithinBusinessHours(rules, appointment.starts_at, appointment.ends_at)).toBe(true);
      expect(appointment.starts_at.getTime()).toBeGreaterThanOrEqual(
        now.getTime() - 61 * 86_400_000,
      );
      expect(appointment.starts_at.getTime()).toBeLessThan(now.getTime() + 31 * 86_400_000);
      // No two appointments of any status overlap on one bay.
      expect(appointment.starts_at.getTime()).toBeGreaterThanOrEqual(
        lastEndByBay.get(appointment.bay_id) ?? 0,
      );
      lastEndByBay.set(appointment.bay_id, appointment.ends_at.getTime());
      if (appointment.ends_at.getTime() <= now.getTime())
        expect(appointment.status).not.toBe('booked');
      if (appointment.starts_at.getTime() > now.getTime())
        expect(['booked', 'cancelled']).toContain(appointment.status);
    }
  });

  it('is deterministic for a seed and refuses an organisation that already has customers', async () => {
    const first = await newOrganization('First');
    const second = await newOrganization('Second');
    await seedDemoData(database, first, { customers: 20, seed: 99, now, bays: 2 });
    await seedDemoData(database, second, { customers: 20, seed: 99, now, bays: 2 });
    const fingerprint = (orgId: string) =>
      database.forOrganization(orgId, async (trx) => ({
        names: await trx
          .selectFrom('customers')
          .select(['first_name', 'last_name', 'phone'])
          .orderBy('phone')
          .execute(),
        vins: (await trx.selectFrom('vehicles').select('vin').orderBy('vin').execute()).map(
          (row) => row.vin,
        ),
        starts: (
          await trx.selectFrom('appointments').select('starts_at').orderBy('starts_at').execute()
        ).map((row) => row.starts_at.toISOString()),
      }));
    expect(await fingerprint(second)).toEqual(await fingerprint(first));
    await expect(seedDemoData(database, first, { customers: 5, now })).rejects.toMatchObject({
      code: 'seed_target_not_empty',
    });
    await expect(seedDemoData(database, second, { customers: 1.5, now })).rejects.toMatchObject({
      code: 'seed_too_large',
    });
  });

  it('adds bays when four cannot hold the appointments', async () => {
    const orgId = await newOrganization('Large');
    const result = await seedDemoData(database, orgId, {
      customers: 400,
      seed: 3,
      now,
      appointmentsPerCustomer: 8,
    });
    expect(result.appointments).toBe(3200);
    expect(result.bays).toBeGreaterThan(4);
  });
});
