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
  workshopTime,
} from './booking-routes.fixture.js';

interface Problem {
  code: string;
  detail?: string;
}
interface AppointmentBody {
  id: string;
  customerId: string;
  vehicleId: string | null;
  bayId: string;
  serviceType: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  status: string;
  cancelReason: string | null;
}
interface AppointmentPage {
  data: AppointmentBody[];
  nextCursor: string | null;
}

describe.each(testBackends())('booking appointment routes on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  let bayIds: string[];
  let customerId: string;
  let vehicleId: string;
  const monday = upcomingWeekday(1);
  const tuesday = upcomingWeekday(2);
  const sunday = upcomingWeekday(0);

  const book = (startsAt: string, extra: Record<string, unknown> = {}) =>
    send<AppointmentBody & Problem>(org, 'POST', '/v1/appointments', {
      customerId,
      serviceType: 'inspection',
      startsAt,
      ...extra,
    });

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Appointment Motors');
    bayIds = await setUpWorkshop(org, 2);
    customerId = await addCustomer(org, 'Henry', 'Ford');
    const vehicle = await send<{ id: string }>(org, 'POST', '/v1/vehicles', {
      customerId,
      vin: makeVin('1FTFW1ETDFC10234'),
    });
    vehicleId = vehicle.body.id;
  }, 60_000);
  afterAll(async () => context?.close());

  it('books with an offset time, reads it back in UTC and lists it by filters', async () => {
    const booked = await book(workshopIso(monday, '09:00'), {
      vehicleId,
      serviceType: 'oil change',
      notes: 'synthetic',
    });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({
      customerId,
      vehicleId,
      bayId: bayIds[0],
      serviceType: 'oil change',
      startsAt: workshopTime(monday, '09:00').toISOString(),
      endsAt: workshopTime(monday, '10:00').toISOString(),
      durationMinutes: 60,
      status: 'booked',
    });
    const read = await send<AppointmentBody>(org, 'GET', `/v1/appointments/${booked.body.id}`);
    expect(read.body).toEqual(booked.body);

    const second = await book(workshopIso(monday, '11:00'), { durationMinutes: 30 });
    expect(second.body.durationMinutes).toBe(30);
    const from = encodeURIComponent(workshopIso(monday, '00:00'));
    const to = encodeURIComponent(workshopIso(monday, '12:00'));
    const window = `from=${from}&to=${to}&customerId=${customerId}&status=booked`;
    const page = await send<AppointmentPage>(org, 'GET', `/v1/appointments?${window}&limit=1`);
    expect(page.body.data.map((appointment) => appointment.id)).toEqual([booked.body.id]);
    const next = await send<AppointmentPage>(
      org,
      'GET',
      `/v1/appointments?${window}&limit=1&cursor=${page.body.nextCursor ?? ''}`,
    );
    expect(next.body.data.map((appointment) => appointment.id)).toEqual([second.body.id]);
    const cancelled = await send<AppointmentPage>(
      org,
      'GET',
      `/v1/appointments?from=${from}&to=${to}&status=cancelled&status=no-show`,
    );
    expect(cancelled.body).toEqual({ data: [], nextCursor: null });
  });

  it('gives the last free bay to exactly one of two simultaneous bookings', async () => {
    const startsAt = workshopIso(monday, '14:00');
    expect((await book(startsAt)).status).toBe(201);
    const [first, second] = await Promise.all([book(startsAt), book(startsAt)]);
    const results = [first, second].sort((left, right) => left.status - right.status);
    expect(results.map((result) => result.status)).toEqual([201, 409]);
    expect(results[1]?.body.code).toBe('slot_unavailable');
    expect(results[0]?.body.bayId).toBe(bayIds[1]);

    const overlapping = await book(workshopIso(monday, '14:30'));
    expect(overlapping.status).toBe(409);
  });

  it('refuses times outside business hours, in the past, or of a bad length', async () => {
    const evening = await book(workshopIso(monday, '16:30'));
    expect(evening.status).toBe(422);
    expect(evening.body.code).toBe('outside_business_hours');
    expect((await book(workshopIso(sunday, '10:00'))).body.code).toBe('outside_business_hours');

    const past = await book('2020-03-02T15:00:00Z');
    expect(past.status).toBe(422);
    expect(past.body.code).toBe('invalid_booking');

    const noOffset = await book(`${monday}T10:00:00`);
    expect(noOffset.status).toBe(422);
    expect(noOffset.body.code).toBe('validation_failed');
    const tooLong = await book(workshopIso(monday, '10:00'), { durationMinutes: 2000 });
    expect(tooLong.body.code).toBe('validation_failed');

    const other = await addCustomer(org, 'Clara', 'Ford');
    const wrongOwner = await book(workshopIso(monday, '12:00'), { customerId: other, vehicleId });
    expect(wrongOwner.status).toBe(422);
    expect(wrongOwner.body.code).toBe('invalid_booking');
  });

  it('cancels once, with a reason', async () => {
    const booked = await book(workshopIso(tuesday, '08:00'));
    const path = `/v1/appointments/${booked.body.id}/cancel`;
    const noReason = await send<Problem>(org, 'POST', path, {});
    expect(noReason.status).toBe(422);

    const cancelled = await send<AppointmentBody>(org, 'POST', path, { reason: 'car sold' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'car sold' });
    const again = await send<Problem>(org, 'POST', path, { reason: 'twice' });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('invalid_booking');
    const rebooked = await book(workshopIso(tuesday, '08:00'));
    expect(rebooked.body.bayId).toBe(bayIds[0]);
  });

  it('reschedules, keeping the bay when it is free and refusing full or closed times', async () => {
    const blocker = await book(workshopIso(tuesday, '13:00'));
    const moving = await book(workshopIso(tuesday, '10:00'));
    expect([blocker.body.bayId, moving.body.bayId]).toEqual([bayIds[0], bayIds[0]]);
    const path = `/v1/appointments/${moving.body.id}/reschedule`;

    const moved = await send<AppointmentBody>(org, 'POST', path, {
      startsAt: workshopIso(tuesday, '13:30'),
      durationMinutes: 90,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      bayId: bayIds[1],
      startsAt: workshopTime(tuesday, '13:30').toISOString(),
      endsAt: workshopTime(tuesday, '15:00').toISOString(),
      durationMinutes: 90,
    });
    const back = await send<AppointmentBody>(org, 'POST', path, {
      startsAt: workshopIso(tuesday, '14:30'),
    });
    expect(back.body).toMatchObject({ bayId: bayIds[1], durationMinutes: 90 });

    await book(workshopIso(tuesday, '11:00'));
    await book(workshopIso(tuesday, '11:00'));
    const full = await send<Problem>(org, 'POST', path, {
      startsAt: workshopIso(tuesday, '11:00'),
    });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('slot_unavailable');
    const late = await send<Problem>(org, 'POST', path, {
      startsAt: workshopIso(tuesday, '16:00'),
    });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('outside_business_hours');
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await send<Problem>(org, 'POST', `/v1/appointments/${unknown}/reschedule`, {
      startsAt: workshopIso(tuesday, '09:00'),
    });
    expect(missing.status).toBe(404);
    expect((await send(org, 'GET', `/v1/appointments/${unknown}`)).status).toBe(404);
  });
});
