import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import { createApiKey } from '../../tenancy/api-keys.js';
import {
  addCustomer,
  createBookingTestDependencies,
  makeVin,
  send,
  setUpWorkshop,
  upcomingWeekday,
  workshopIso,
} from './booking-routes.fixture.js';
import { createBookingRoutes } from './booking-routes.js';

describe.each(testBackends())('booking routes across organisations on $name', (backend) => {
  let context: ApiTestContext;
  let first: TestOrganization;
  let second: TestOrganization;
  const ids = { customer: '', vehicle: '', appointment: '', bay: '' };
  const vin = makeVin('WVWZZZ1KZ6W61234');
  const monday = upcomingWeekday(1);

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    first = await context.createOrganization('First Motors');
    second = await context.createOrganization('Second Motors');
    [ids.bay = ''] = await setUpWorkshop(first, 1);
    await setUpWorkshop(second, 1);
    ids.customer = await addCustomer(first, 'Ferdinand', 'Porsche', '+1 415 555 0177');
    ids.vehicle = (
      await send<{ id: string }>(first, 'POST', '/v1/vehicles', { customerId: ids.customer, vin })
    ).body.id;
    ids.appointment = (
      await send<{ id: string }>(first, 'POST', '/v1/appointments', {
        customerId: ids.customer,
        vehicleId: ids.vehicle,
        serviceType: 'tyres',
        startsAt: workshopIso(monday, '09:00'),
      })
    ).body.id;
  }, 60_000);
  afterAll(async () => context?.close());

  it("answers 404 for every id of another organisation's rows", async () => {
    const attempts: [string, string, unknown?][] = [
      ['GET', `/v1/customers/${ids.customer}`],
      ['PATCH', `/v1/customers/${ids.customer}`, { notes: 'mine now' }],
      ['DELETE', `/v1/customers/${ids.customer}`],
      ['GET', `/v1/customers/${ids.customer}/vehicles`],
      ['POST', '/v1/vehicles', { customerId: ids.customer, vin: makeVin('1HGCM8263A004352') }],
      ['GET', `/v1/vehicles/${ids.vehicle}`],
      ['PATCH', `/v1/vehicles/${ids.vehicle}`, { mileage: 1 }],
      [
        'POST',
        `/v1/vehicles/${ids.vehicle}/service-history`,
        { performedAt: '2025-06-01T09:00:00Z', serviceType: 'oil change' },
      ],
      ['GET', `/v1/appointments/${ids.appointment}`],
      ['POST', `/v1/appointments/${ids.appointment}/cancel`, { reason: 'not yours' }],
      [
        'POST',
        `/v1/appointments/${ids.appointment}/reschedule`,
        { startsAt: workshopIso(monday, '10:00') },
      ],
      [
        'POST',
        '/v1/appointments',
        { customerId: ids.customer, serviceType: 'tyres', startsAt: workshopIso(monday, '11:00') },
      ],
      ['PATCH', `/v1/service-bays/${ids.bay}`, { active: false }],
    ];
    for (const [method, path, body] of attempts) {
      const response = await send<{ code: string }>(second, method, path, body);
      expect({ method, path, status: response.status, code: response.body.code }).toEqual({
        method,
        path,
        status: 404,
        code: 'not_found',
      });
    }
    const ownCustomer = await addCustomer(second, 'Ferry', 'Porsche');
    const foreignVehicle = await send(second, 'POST', '/v1/appointments', {
      customerId: ownCustomer,
      vehicleId: ids.vehicle,
      serviceType: 'tyres',
      startsAt: workshopIso(monday, '11:00'),
    });
    expect(foreignVehicle.status).toBe(404);
  });

  it("lists none of another organisation's rows and leaves its bookings and VINs alone", async () => {
    const customers = await send<{ data: { lastName: string }[] }>(
      second,
      'GET',
      '/v1/customers?search=555-0177',
    );
    expect(customers.body).toEqual({ data: [], nextCursor: null });
    const everyone = await send<{ data: { firstName: string }[] }>(second, 'GET', '/v1/customers');
    expect(everyone.body.data.map((customer) => customer.firstName)).toEqual(['Ferry']);
    const appointments = await send(second, 'GET', '/v1/appointments');
    expect(appointments.body).toEqual({ data: [], nextCursor: null });
    const filtered = await send(second, 'GET', `/v1/appointments?customerId=${ids.customer}`);
    expect(filtered.body).toEqual({ data: [], nextCursor: null });
    const bays = await send<{ data: { id: string }[] }>(second, 'GET', '/v1/service-bays');
    expect(bays.body.data.map((bay) => bay.id)).not.toContain(ids.bay);

    // The first organisation's booking does not fill the second's only bay, nor its VIN the second's.
    const slots = await send<{ data: { startsAt: string }[] }>(
      second,
      'GET',
      `/v1/availability?date=${monday}&days=1`,
    );
    expect(slots.body.data[0]?.startsAt).toBe(new Date(workshopIso(monday, '08:00')).toISOString());
    expect(slots.body.data.map((slot) => slot.startsAt)).toContain(
      new Date(workshopIso(monday, '09:00')).toISOString(),
    );
    const ownCustomer = await addCustomer(second, 'Louise', 'Piech');
    const sameVin = await send(second, 'POST', '/v1/vehicles', { customerId: ownCustomer, vin });
    expect(sameVin.status).toBe(201);

    const untouched = await send<{ status: string; startsAt: string }>(
      first,
      'GET',
      `/v1/appointments/${ids.appointment}`,
    );
    expect(untouched.body).toMatchObject({
      status: 'booked',
      startsAt: new Date(workshopIso(monday, '09:00')).toISOString(),
    });
    const firstCustomer = await send<{ notes: string | null }>(
      first,
      'GET',
      `/v1/customers/${ids.customer}`,
    );
    expect(firstCustomer.body.notes).toBeNull();
  });

  it('lets a viewer key read but not write', async () => {
    const { secret } = await context.database.forOrganization(first.orgId, (trx) =>
      createApiKey(trx, first.orgId, { name: 'viewer', role: 'viewer' }),
    );
    const asViewer = (method: string, path: string, body?: unknown) =>
      context.app.request(path, {
        method,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    expect((await asViewer('GET', `/v1/customers/${ids.customer}`)).status).toBe(200);
    expect((await asViewer('GET', '/v1/availability')).status).toBe(200);
    const write = await asViewer('POST', `/v1/appointments/${ids.appointment}/cancel`, {
      reason: 'viewer',
    });
    expect(write.status).toBe(403);
    for (const route of createBookingRoutes(createBookingTestDependencies(context)))
      expect([route.path, route.scope]).toEqual([
        route.path,
        route.method === 'get' ? 'read' : 'write',
      ]);
  });
});
