import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../testing/database/test-databases.js';
import type { SwitchboardDatabase } from '../../db/switchboard-database.js';
import { InvalidPhoneNumberError } from '../../numbers/phone-numbers.js';
import { createBookingTestOrganization, makeTestVin, TEST_NOW } from './booking-test-fixture.js';
import {
  addServiceRecord,
  BookingNotFoundError,
  createCustomer,
  createVehicle,
  deleteCustomer,
  DuplicateVinError,
  findCustomersByPhone,
  findVehicleByVin,
  getCustomer,
  getVehicle,
  InvalidVinError,
  listCustomers,
  listServiceHistory,
  listVehiclesByCustomer,
  updateCustomer,
  updateVehicleMileage,
  type Customer,
} from './index.js';

const names = [
  ['Ada', 'Lovelace'],
  ['Grace', 'Hopper'],
  ['alan', 'turing'],
  ['Barbara', 'Liskov'],
  ['Edsger', 'Dijkstra'],
  ['Donald', 'Knuth'],
  ['Margaret', 'Hamilton'],
] as const;

describe.each(testBackends())('customers and vehicles on $name', (backend) => {
  let database: SwitchboardDatabase;
  let orgId: string;
  let otherOrgId: string;
  const customers: Customer[] = [];

  beforeAll(async () => {
    database = await backend.open();
    ({ orgId } = await createBookingTestOrganization(database, 'Store Motors'));
    ({ orgId: otherOrgId } = await createBookingTestOrganization(database, 'Other Motors'));
    await database.forOrganization(orgId, async (trx) => {
      for (const [index, [firstName, lastName]] of names.entries()) {
        const phone = `(415) 555-01${String(10 + index)}`;
        customers.push(await createCustomer(trx, orgId, { firstName, lastName, phone }));
      }
    });
  }, 60_000);
  afterAll(async () => database?.close());

  it('stores phones as E.164 and finds customers by any form of their number', async () => {
    expect(customers[0]?.phone).toBe('+14155550110');
    const found = await database.forOrganization(orgId, (trx) =>
      findCustomersByPhone(trx, '+1 415 555 0110'),
    );
    expect(found.map((customer) => customer.lastName)).toEqual(['Lovelace']);
    expect(
      await database.forOrganization(orgId, (trx) => findCustomersByPhone(trx, 'nope')),
    ).toEqual([]);
    await expect(
      database.forOrganization(orgId, (trx) =>
        createCustomer(trx, orgId, { firstName: 'Bad', lastName: 'Number', phone: '12' }),
      ),
    ).rejects.toThrow(InvalidPhoneNumberError);
  });

  it('lists by last name, first name, id case-insensitively, page by page, and searches', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await database.forOrganization(orgId, (trx) =>
        listCustomers(trx, { limit: 3, ...(cursor === undefined ? {} : { cursor }) }),
      );
      seen.push(...page.items.map((customer) => customer.lastName));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual([
      'Dijkstra',
      'Hamilton',
      'Hopper',
      'Knuth',
      'Liskov',
      'Lovelace',
      'turing',
    ]);
    const byName = await database.forOrganization(orgId, (trx) =>
      listCustomers(trx, { search: 'ace lov' }),
    );
    expect(byName.items).toEqual([]);
    const byFullName = await database.forOrganization(orgId, (trx) =>
      listCustomers(trx, { search: 'ada LOVE' }),
    );
    expect(byFullName.items.map((customer) => customer.lastName)).toEqual(['Lovelace']);
    const byPhone = await database.forOrganization(orgId, (trx) =>
      listCustomers(trx, { search: '555-0112' }),
    );
    expect(byPhone.items.map((customer) => customer.lastName)).toEqual(['turing']);
    const wildcard = await database.forOrganization(orgId, (trx) =>
      listCustomers(trx, { search: '%' }),
    );
    expect(wildcard.items).toEqual([]);
    await expect(
      database.forOrganization(orgId, (trx) => listCustomers(trx, { cursor: 'garbage' })),
    ).rejects.toMatchObject({ code: 'invalid_cursor' });
  });

  it('updates and deletes, and another organisation sees none of it', async () => {
    const [first] = customers;
    if (first === undefined) throw new Error('no customer');
    const updated = await database.forOrganization(orgId, (trx) =>
      updateCustomer(trx, first.id, { email: 'ada@example.com', phone: null }),
    );
    expect(updated).toMatchObject({ email: 'ada@example.com', phone: null, firstName: 'Ada' });
    expect(
      await database.forOrganization(otherOrgId, (trx) => getCustomer(trx, first.id)),
    ).toBeUndefined();
    expect(await database.forOrganization(otherOrgId, (trx) => deleteCustomer(trx, first.id))).toBe(
      false,
    );
    expect(
      await database.forOrganization(orgId, (trx) => getCustomer(trx, 'not-a-uuid')),
    ).toBeUndefined();
    const spare = await database.forOrganization(orgId, (trx) =>
      createCustomer(trx, orgId, { firstName: 'Temp', lastName: 'Orary' }),
    );
    expect(await database.forOrganization(orgId, (trx) => deleteCustomer(trx, spare.id))).toBe(
      true,
    );
  });

  it('validates VINs, decodes make and model year, refuses duplicates and foreign customers', async () => {
    const owner = customers[1];
    if (owner === undefined) throw new Error('no customer');
    const vehicle = await database.forOrganization(orgId, (trx) =>
      createVehicle(
        trx,
        orgId,
        { customerId: owner.id, vin: ' 1hgcm82633a004352 ', mileage: 120_000 },
        { now: TEST_NOW },
      ),
    );
    expect(vehicle).toMatchObject({
      vin: '1HGCM82633A004352',
      make: 'Honda',
      modelYear: 2003,
      mileage: 120_000,
    });
    const bad = database.forOrganization(orgId, (trx) =>
      createVehicle(trx, orgId, { customerId: owner.id, vin: '1HGCM82633A004353' }),
    );
    await expect(bad).rejects.toBeInstanceOf(InvalidVinError);
    await expect(bad).rejects.toMatchObject({ reason: expect.stringContaining('check digit') });
    const duplicate = await database.forOrganization(orgId, async (trx) => {
      const error: unknown = await createVehicle(trx, orgId, {
        customerId: owner.id,
        vin: vehicle.vin,
      }).catch((caught: unknown) => caught);
      // The transaction is still usable after the duplicate.
      return { error, stillThere: await findVehicleByVin(trx, vehicle.vin.toLowerCase()) };
    });
    expect(duplicate.error).toBeInstanceOf(DuplicateVinError);
    expect(duplicate.stillThere?.id).toBe(vehicle.id);
    const foreign = database.forOrganization(otherOrgId, (trx) =>
      createVehicle(trx, otherOrgId, {
        customerId: owner.id,
        vin: makeTestVin('5YJ3E1EAKF317410'),
      }),
    );
    await expect(foreign).rejects.toBeInstanceOf(BookingNotFoundError);
    const second = await database.forOrganization(orgId, (trx) =>
      createVehicle(trx, orgId, {
        customerId: owner.id,
        vin: makeTestVin('5YJ3E1EAKF317410'),
        model: 'Model 3',
      }),
    );
    expect(second).toMatchObject({ make: 'Tesla', model: 'Model 3', modelYear: 2019 });
    const listed = await database.forOrganization(orgId, (trx) =>
      listVehiclesByCustomer(trx, owner.id),
    );
    expect(listed.map((item) => item.id)).toEqual([vehicle.id, second.id]);
    const driven = await database.forOrganization(orgId, (trx) =>
      updateVehicleMileage(trx, second.id, 4_200),
    );
    expect(driven?.mileage).toBe(4_200);
    expect(
      await database.forOrganization(otherOrgId, (trx) => getVehicle(trx, second.id)),
    ).toBeUndefined();
  });

  it('keeps a service history per vehicle, most recent first', async () => {
    const owner = customers[2];
    if (owner === undefined) throw new Error('no customer');
    const history = await database.forOrganization(orgId, async (trx) => {
      const vehicle = await createVehicle(trx, orgId, {
        customerId: owner.id,
        vin: makeTestVin('1FTFW1ETDFC10234'),
      });
      await addServiceRecord(trx, orgId, {
        vehicleId: vehicle.id,
        performedAt: new Date('2025-06-01T15:00:00Z'),
        serviceType: 'Oil change',
        mileage: 40_000,
        cost: '89.95',
      });
      await addServiceRecord(trx, orgId, {
        vehicleId: vehicle.id,
        performedAt: new Date('2025-12-01T15:00:00Z'),
        serviceType: 'Brake pads',
        cost: 310,
      });
      return listServiceHistory(trx, vehicle.id);
    });
    expect(history.map((record) => [record.serviceType, record.cost])).toEqual([
      ['Brake pads', '310.00'],
      ['Oil change', '89.95'],
    ]);
  });
});
