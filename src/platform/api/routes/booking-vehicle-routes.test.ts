import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import { addCustomer, makeVin, send } from './booking-routes.fixture.js';

interface Problem {
  code: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}
interface VehicleBody {
  id: string;
  customerId: string;
  vin: string;
  make: string | null;
  model: string | null;
  modelYear: number | null;
  mileage: number | null;
  serviceHistory?: { serviceType: string; performedAt: string; cost: string | null }[];
}

describe.each(testBackends())('booking vehicle routes on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  let customerId: string;
  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Vehicle Motors');
    customerId = await addCustomer(org, 'Karl', 'Benz');
  }, 60_000);
  afterAll(async () => context?.close());

  it('adds a vehicle decoded from its VIN, lists it, and records mileage and service', async () => {
    const vin = makeVin('1HGCM8263A004352');
    const created = await send<VehicleBody>(org, 'POST', '/v1/vehicles', {
      customerId,
      vin: vin.toLowerCase(),
      model: 'Accord',
      mileage: 120_000,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      customerId,
      vin,
      make: 'Honda',
      model: 'Accord',
      mileage: 120_000,
    });
    expect(created.body.modelYear).toEqual(expect.any(Number));
    const vehicleId = created.body.id;

    const listed = await send<{ data: VehicleBody[] }>(
      org,
      'GET',
      `/v1/customers/${customerId}/vehicles`,
    );
    expect(listed.body.data.map((vehicle) => vehicle.id)).toEqual([vehicleId]);

    const mileage = await send<VehicleBody>(org, 'PATCH', `/v1/vehicles/${vehicleId}`, {
      mileage: 121_500,
    });
    expect(mileage.body.mileage).toBe(121_500);

    const record = await send(org, 'POST', `/v1/vehicles/${vehicleId}/service-history`, {
      performedAt: '2025-11-03T10:15:00-05:00',
      serviceType: 'brake pads',
      mileage: 121_000,
      cost: '249.90',
    });
    expect(record.status).toBe(201);
    await send(org, 'POST', `/v1/vehicles/${vehicleId}/service-history`, {
      performedAt: '2025-06-01T09:00:00Z',
      serviceType: 'oil change',
      cost: 59.5,
    });

    const detail = await send<VehicleBody>(org, 'GET', `/v1/vehicles/${vehicleId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.serviceHistory).toEqual([
      expect.objectContaining({
        serviceType: 'brake pads',
        performedAt: '2025-11-03T15:15:00.000Z',
        cost: '249.90',
      }),
      expect.objectContaining({ serviceType: 'oil change', cost: '59.50' }),
    ]);
  });

  it('refuses a VIN with a wrong check digit, naming the reason on body.vin', async () => {
    const valid = makeVin('JTDKB20U7830162A');
    const wrongDigit = valid.charAt(8) === '1' ? '2' : '1';
    const response = await send<Problem>(org, 'POST', '/v1/vehicles', {
      customerId,
      vin: `${valid.slice(0, 8)}${wrongDigit}${valid.slice(9)}`,
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('invalid_vin');
    expect(response.body.errors).toEqual([
      { path: 'body.vin', message: expect.stringContaining('check digit') },
    ]);

    const short = await send<Problem>(org, 'POST', '/v1/vehicles', { customerId, vin: 'ABC123' });
    expect(short.status).toBe(422);
    expect(short.body.errors?.[0]?.message).toContain('17 characters');
  });

  it('refuses a VIN already on file with 409 duplicate_vin', async () => {
    const vin = makeVin('5YJ3E1EAKF317410');
    expect((await send(org, 'POST', '/v1/vehicles', { customerId, vin })).status).toBe(201);
    const other = await addCustomer(org, 'Bertha', 'Benz');
    const duplicate = await send<Problem>(org, 'POST', '/v1/vehicles', {
      customerId: other,
      vin: ` ${vin.toLowerCase()} `,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('duplicate_vin');
  });

  it('answers 404 for unknown customers and vehicles and 422 for bad mileage', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const forUnknown = await send<Problem>(org, 'POST', '/v1/vehicles', {
      customerId: unknown,
      vin: makeVin('1FTFW1ETDFC10234'),
    });
    expect(forUnknown.status).toBe(404);
    expect(forUnknown.body.detail).toContain('Customer');
    expect((await send(org, 'GET', `/v1/customers/${unknown}/vehicles`)).status).toBe(404);
    expect((await send(org, 'GET', `/v1/vehicles/${unknown}`)).status).toBe(404);
    expect((await send(org, 'PATCH', `/v1/vehicles/${unknown}`, { mileage: 5 })).status).toBe(404);
    const history = await send(org, 'POST', `/v1/vehicles/${unknown}/service-history`, {
      performedAt: '2025-06-01T09:00:00Z',
      serviceType: 'oil change',
    });
    expect(history.status).toBe(404);
    const negative = await send<Problem>(org, 'PATCH', `/v1/vehicles/${unknown}`, { mileage: -1 });
    expect(negative.status).toBe(422);
    expect(negative.body.errors?.map((error) => error.path)).toEqual(['body.mileage']);
  });
});
