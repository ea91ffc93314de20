import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import {
  addCustomer,
  send,
  setUpWorkshop,
  upcomingWeekday,
  workshopIso,
  workshopTime,
} from './booking-routes.fixture.js';

interface Problem {
  code: string;
  errors?: { path: string; message: string }[];
}
interface BusinessWeek {
  timeZone: string;
  hours: { weekday: number; opens: string; closes: string }[];
  summary: string;
}
interface Availability {
  timeZone: string;
  date: string;
  days: number;
  durationMinutes: number;
  data: { startsAt: string; endsAt: string; bayIds: string[] }[];
}

describe.each(testBackends())('booking schedule routes on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  let bayIds: string[];
  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Schedule Motors');
    bayIds = await setUpWorkshop(org, 2);
  }, 60_000);
  afterAll(async () => context?.close());

  it('replaces the week, merging touching intervals, and reads it back', async () => {
    const other = await context.createOrganization('Hours Only');
    const empty = await send<BusinessWeek>(other, 'GET', '/v1/business-hours');
    expect(empty.body).toEqual({
      timeZone: 'UTC',
      hours: [],
      summary: 'no business hours are set',
    });
    const set = await send<BusinessWeek>(other, 'PUT', '/v1/business-hours', {
      hours: [
        { weekday: 2, opens: '13:00', closes: '18:00' },
        { weekday: 2, opens: '08:00', closes: '13:00' },
        { weekday: 6, opens: '20:00', closes: '24:00' },
      ],
    });
    expect(set.status).toBe(200);
    expect(set.body.hours).toEqual([
      { weekday: 2, opens: '08:00', closes: '18:00' },
      { weekday: 6, opens: '20:00', closes: '24:00' },
    ]);
    expect(set.body.summary).toBe('Tue 08:00–18:00; Sat 20:00–24:00');
    expect((await send<BusinessWeek>(other, 'GET', '/v1/business-hours')).body).toEqual(set.body);

    const backwards = await send<Problem>(other, 'PUT', '/v1/business-hours', {
      hours: [
        { weekday: 1, opens: '09:00', closes: '17:00' },
        { weekday: 7, opens: '09:00', closes: '17:00' },
        { weekday: 3, opens: '17:00', closes: '09:00' },
      ],
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors?.map((error) => error.path).sort()).toEqual([
      'body.hours.1.weekday',
      'body.hours.2.closes',
    ]);
    const cleared = await send<BusinessWeek>(other, 'PUT', '/v1/business-hours', { hours: [] });
    expect(cleared.body.hours).toEqual([]);
  });

  it('adds bays, refuses a duplicate name, and takes a bay out of service', async () => {
    const listed = await send<{ data: { id: string; name: string; active: boolean }[] }>(
      org,
      'GET',
      '/v1/service-bays',
    );
    expect(listed.body.data).toEqual([
      { id: bayIds[0], name: 'Bay 1', active: true },
      { id: bayIds[1], name: 'Bay 2', active: true },
    ]);
    const duplicate = await send<Problem>(org, 'POST', '/v1/service-bays', { name: 'Bay 1' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('conflict');
    const spare = await send<{ id: string; active: boolean }>(org, 'POST', '/v1/service-bays', {
      name: 'Spare',
      active: false,
    });
    expect(spare.body.active).toBe(false);
    const activated = await send(org, 'PATCH', `/v1/service-bays/${spare.body.id}`, {
      active: true,
    });
    expect(activated.body).toMatchObject({ name: 'Spare', active: true });
    const deactivated = await send(org, 'PATCH', `/v1/service-bays/${spare.body.id}`, {
      active: false,
    });
    expect(deactivated.body).toMatchObject({ active: false });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await send(org, 'PATCH', `/v1/service-bays/${unknown}`, { active: true })).status).toBe(
      404,
    );
  });

  it('lists free slots that bookings and inactive bays take away', async () => {
    const saturday = upcomingWeekday(6);
    const query = `/v1/availability?date=${saturday}&days=1&durationMinutes=60`;
    const free = await send<Availability>(org, 'GET', query);
    expect(free.status).toBe(200);
    expect(free.body).toMatchObject({
      timeZone: 'America/New_York',
      date: saturday,
      days: 1,
      durationMinutes: 60,
    });
    // Saturday 09:00–12:00 with a one-hour job: 09:00, 09:30 … 11:00 on both bays.
    expect(free.body.data.map((slot) => slot.startsAt)).toEqual(
      ['09:00', '09:30', '10:00', '10:30', '11:00'].map((time) =>
        workshopTime(saturday, time).toISOString(),
      ),
    );
    expect(free.body.data[0]).toEqual({
      startsAt: workshopTime(saturday, '09:00').toISOString(),
      endsAt: workshopTime(saturday, '10:00').toISOString(),
      bayIds,
    });

    const customerId = await addCustomer(org, 'Enzo', 'Ferrari');
    for (const bayCount of [1, 2]) {
      const booked = await send(org, 'POST', '/v1/appointments', {
        customerId,
        serviceType: `job ${bayCount}`,
        startsAt: workshopIso(saturday, '10:00'),
      });
      expect(booked.status).toBe(201);
    }
    const after = await send<Availability>(org, 'GET', query);
    expect(after.body.data.map((slot) => slot.startsAt)).toEqual([
      workshopTime(saturday, '09:00').toISOString(),
      workshopTime(saturday, '11:00').toISOString(),
    ]);

    await send(org, 'PATCH', `/v1/service-bays/${bayIds[1] ?? ''}`, { active: false });
    const oneBay = await send<Availability>(org, 'GET', `${query}&stepMinutes=60`);
    expect(oneBay.body.data).toEqual([
      expect.objectContaining({ bayIds: [bayIds[0]] }),
      expect.objectContaining({ bayIds: [bayIds[0]] }),
    ]);
    await send(org, 'PATCH', `/v1/service-bays/${bayIds[1] ?? ''}`, { active: true });

    const week = await send<Availability>(org, 'GET', '/v1/availability');
    expect(week.body.days).toBe(7);
    expect(week.body.durationMinutes).toBe(60);
    expect(week.body.data.length).toBeGreaterThan(0);
    const bad = await send<Problem>(org, 'GET', '/v1/availability?date=2026-02-30&days=40');
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((error) => error.path).sort()).toEqual([
      'query.date',
      'query.days',
    ]);
  });

  it('documents every booking route with named schemas in the OpenAPI document', async () => {
    const document = (await (await context.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/customers',
        '/v1/customers/{customerId}',
        '/v1/customers/{customerId}/vehicles',
        '/v1/vehicles',
        '/v1/vehicles/{vehicleId}',
        '/v1/vehicles/{vehicleId}/service-history',
        '/v1/appointments',
        '/v1/appointments/{appointmentId}',
        '/v1/appointments/{appointmentId}/cancel',
        '/v1/appointments/{appointmentId}/reschedule',
        '/v1/business-hours',
        '/v1/service-bays',
        '/v1/service-bays/{bayId}',
        '/v1/availability',
      ]),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'Customer',
        'CustomerDetail',
        'Vehicle',
        'VehicleDetail',
        'ServiceRecord',
        'Appointment',
        'AppointmentInput',
        'BusinessWeek',
        'ServiceBay',
        'Availability',
      ]),
    );
  });
});
