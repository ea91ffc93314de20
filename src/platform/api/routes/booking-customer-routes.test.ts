import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import {
  addCustomer,
  makeVin,
  send,
  setUpWorkshop,
  upcomingWeekday,
  workshopIso,
} from './booking-routes.fixture.js';

interface CustomerBody {
  id: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  notes: string | null;
  vehicles?: { vin: string }[];
  upcomingAppointments?: { serviceType: string; startsAt: string }[];
}
interface CustomerPage {
  data: CustomerBody[];
  nextCursor: string | null;
}

describe.each(testBackends())('booking customer routes on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Customer Motors');
    await setUpWorkshop(org);
  }, 60_000);
  afterAll(async () => context?.close());

  it('creates, reads, changes and deletes a customer', async () => {
    const created = await send<CustomerBody>(org, 'POST', '/v1/customers', {
      firstName: ' Ada ',
      lastName: 'Lovelace',
      phone: '(415) 555-0101',
      email: 'ada@example.com',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+14155550101',
      email: 'ada@example.com',
      notes: null,
    });
    const id = created.body.id;

    const changed = await send<CustomerBody>(org, 'PATCH', `/v1/customers/${id}`, {
      notes: 'Prefers mornings',
      email: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      firstName: 'Ada',
      notes: 'Prefers mornings',
      email: null,
    });

    const read = await send<CustomerBody>(org, 'GET', `/v1/customers/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, notes: 'Prefers mornings', vehicles: [] });
    expect(read.body.upcomingAppointments).toEqual([]);

    expect((await send(org, 'DELETE', `/v1/customers/${id}`)).status).toBe(204);
    const gone = await send<{ code: string }>(org, 'GET', `/v1/customers/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('not_found');
    expect((await send(org, 'DELETE', `/v1/customers/${id}`)).status).toBe(404);
    expect((await send(org, 'PATCH', `/v1/customers/${id}`, { notes: 'x' })).status).toBe(404);
  });

  it('shows a customer with their vehicles and upcoming appointments', async () => {
    const customerId = await addCustomer(org, 'Grace', 'Hopper');
    const vehicle = await send<{ id: string }>(org, 'POST', '/v1/vehicles', {
      customerId,
      vin: makeVin('1HGCM8263A004352'),
    });
    expect(vehicle.status).toBe(201);
    const monday = upcomingWeekday(1);
    const booked = await send(org, 'POST', '/v1/appointments', {
      customerId,
      vehicleId: vehicle.body.id,
      serviceType: 'oil change',
      startsAt: workshopIso(monday, '10:00'),
    });
    expect(booked.status).toBe(201);

    const detail = await send<CustomerBody>(org, 'GET', `/v1/customers/${customerId}`);
    expect(detail.body.vehicles).toEqual([
      expect.objectContaining({ vin: makeVin('1HGCM8263A004352') }),
    ]);
    expect(detail.body.upcomingAppointments).toEqual([
      expect.objectContaining({
        serviceType: 'oil change',
        startsAt: new Date(workshopIso(monday, '10:00')).toISOString(),
      }),
    ]);
  });

  it('searches by name or phone and pages with a cursor', async () => {
    for (const [first, last] of [
      ['Alan', 'Turing'],
      ['Alice', 'Turner'],
      ['Bob', 'Turnbull'],
    ] as const)
      await addCustomer(org, first, last, `+1 415 555 01${String(last.length).padStart(2, '0')}`);

    const byName = await send<CustomerPage>(org, 'GET', '/v1/customers?search=tur');
    expect(byName.body.data.map((customer) => customer.lastName)).toEqual([
      'Turing',
      'Turnbull',
      'Turner',
    ]);
    const byPhone = await send<CustomerPage>(org, 'GET', '/v1/customers?search=555-0108');
    expect(byPhone.body.data.map((customer) => customer.lastName)).toEqual(['Turnbull']);

    const first = await send<CustomerPage>(org, 'GET', '/v1/customers?search=tur&limit=2');
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await send<CustomerPage>(
      org,
      'GET',
      `/v1/customers?search=tur&limit=2&cursor=${first.body.nextCursor ?? ''}`,
    );
    expect(second.body).toMatchObject({ data: [{ lastName: 'Turner' }], nextCursor: null });
  });

  it('answers bad input with problems naming the field', async () => {
    const badPhone = await send<{ code: string; errors: { path: string }[] }>(
      org,
      'POST',
      '/v1/customers',
      { firstName: 'Phone', lastName: 'Less', phone: '12' },
    );
    expect(badPhone.status).toBe(422);
    expect(badPhone.body.code).toBe('validation_failed');
    expect(badPhone.body.errors.map((error) => error.path)).toEqual(['body.phone']);

    const missing = await send<{ errors: { path: string }[] }>(org, 'POST', '/v1/customers', {
      firstName: '  ',
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((error) => error.path).sort()).toEqual([
      'body.firstName',
      'body.lastName',
    ]);

    const badCursor = await send<{ code: string }>(org, 'GET', '/v1/customers?cursor=bm9wZQ');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.code).toBe('invalid_cursor');
    expect((await send(org, 'GET', '/v1/customers/not-a-uuid')).status).toBe(422);
  });
});
