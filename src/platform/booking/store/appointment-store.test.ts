import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../testing/database/test-databases.js';
import type { SwitchboardDatabase } from '../../db/switchboard-database.js';
import {
  createBookingTestOrganization,
  makeTestVin,
  newYorkTime,
  TEST_NOW,
} from './booking-test-fixture.js';
import {
  bookAppointment,
  BookingNotFoundError,
  cancelAppointment,
  createCustomer,
  createVehicle,
  formatWeeklyHours,
  getAppointment,
  InvalidBookingError,
  listAppointments,
  listBusinessHours,
  listUpcomingAppointments,
  OutsideBusinessHoursError,
  rescheduleAppointment,
  setBusinessHours,
  SlotUnavailableError,
  type Customer,
  type NewAppointment,
} from './index.js';

describe.each(testBackends())('appointments on $name', (backend) => {
  let database: SwitchboardDatabase;
  let orgId: string;
  let bayIds: string[];
  let customer: Customer;
  let vehicleId: string;
  const now = TEST_NOW;
  const book = (input: Partial<NewAppointment> & { startsAt: Date }) =>
    database.forOrganization(orgId, (trx) =>
      bookAppointment(
        trx,
        orgId,
        { customerId: customer.id, serviceType: 'Oil change', ...input },
        { now },
      ),
    );

  beforeAll(async () => {
    database = await backend.open();
    ({ orgId, bayIds } = await createBookingTestOrganization(database, 'Appointment Motors'));
    ({ customer, vehicleId } = await database.forOrganization(orgId, async (trx) => {
      const created = await createCustomer(trx, orgId, { firstName: 'Ada', lastName: 'Lovelace' });
      const vehicle = await createVehicle(trx, orgId, {
        customerId: created.id,
        vin: makeTestVin('1HGCM8263A004352'),
      });
      return { customer: created, vehicleId: vehicle.id };
    }));
  }, 60_000);
  afterAll(async () => database?.close());

  it('stores and lists business hours, merging touching intervals', async () => {
    const hours = await database
      .forOrganization(orgId, async (trx) => {
        const stored = await setBusinessHours(trx, orgId, [
          { weekday: 0, opens: '10:00', closes: '12:00' },
          { weekday: 0, opens: '12:00', closes: '24:00' },
        ]);
        const afterwards = await listBusinessHours(trx);
        // Restore the fixture's hours; the transaction is rolled back by throwing instead of this.
        throw Object.assign(new Error('rollback'), { stored, afterwards });
      })
      .catch((error: unknown) => error as { stored: unknown; afterwards: unknown });
    expect(hours.stored).toEqual([{ weekday: 0, opens: '10:00', closes: '24:00' }]);
    expect(hours.afterwards).toEqual(hours.stored);
    const kept = await database.forOrganization(orgId, (trx) => listBusinessHours(trx));
    expect(formatWeeklyHours(kept)).toBe('Mon–Fri 08:00–17:00; Sat 09:00–12:00');
  });

  it('books on the first free bay, then the next, then refuses the slot', async () => {
    const startsAt = newYorkTime(3, '09:00');
    const first = await book({ startsAt, vehicleId });
    expect(first).toMatchObject({ bayId: bayIds[0], status: 'booked', vehicleId, callId: null });
    expect(first.endsAt.getTime() - first.startsAt.getTime()).toBe(3_600_000);
    const second = await book({ startsAt: newYorkTime(3, '09:30'), durationMinutes: 30 });
    expect(second.bayId).toBe(bayIds[1]);
    await expect(
      book({ startsAt: newYorkTime(3, '09:15'), durationMinutes: 30 }),
    ).rejects.toBeInstanceOf(SlotUnavailableError);
    // Touching ends do not overlap.
    expect((await book({ startsAt: newYorkTime(3, '10:00') })).bayId).toBe(bayIds[0]);
  });

  it('refuses times outside business hours, in the past, and unknown or foreign parties', async () => {
    const lateEvening = book({ startsAt: newYorkTime(3, '16:30') });
    await expect(lateEvening).rejects.toBeInstanceOf(OutsideBusinessHoursError);
    await expect(lateEvening).rejects.toThrow(
      /Tuesday, March 3 at 4:30 PM until 17:30 is outside business hours \(Mon–Fri 08:00–17:00; Sat 09:00–12:00/,
    );
    await expect(book({ startsAt: newYorkTime(8, '10:00') })).rejects.toBeInstanceOf(
      OutsideBusinessHoursError,
    );
    await expect(book({ startsAt: newYorkTime(2, '06:00') })).rejects.toBeInstanceOf(
      InvalidBookingError,
    );
    await expect(book({ startsAt: newYorkTime(3, '11:00'), durationMinutes: 2 })).rejects.toThrow(
      /whole minutes/,
    );
    await expect(
      book({ startsAt: newYorkTime(3, '11:00'), customerId: 'nobody' }),
    ).rejects.toBeInstanceOf(BookingNotFoundError);
    const stranger = await database.forOrganization(orgId, async (trx) => {
      const other = await createCustomer(trx, orgId, { firstName: 'Other', lastName: 'Person' });
      return createVehicle(trx, orgId, {
        customerId: other.id,
        vin: makeTestVin('JTDKB20U7830162A'),
      });
    });
    await expect(
      book({ startsAt: newYorkTime(3, '11:00'), vehicleId: stranger.id }),
    ).rejects.toThrow(/different customer/);
    const { orgId: otherOrgId } = await createBookingTestOrganization(database, 'Foreign Motors');
    const foreign = database.forOrganization(otherOrgId, (trx) =>
      bookAppointment(
        trx,
        otherOrgId,
        { customerId: customer.id, serviceType: 'x', startsAt: newYorkTime(3, '11:00') },
        { now },
      ),
    );
    await expect(foreign).rejects.toBeInstanceOf(BookingNotFoundError);
  });

  it('reschedules on the same bay when free, keeps the length, and refuses a full slot', async () => {
    const appointment = await book({ startsAt: newYorkTime(4, '13:00'), durationMinutes: 90 });
    const moved = await database.forOrganization(orgId, (trx) =>
      rescheduleAppointment(
        trx,
        orgId,
        appointment.id,
        { startsAt: newYorkTime(4, '13:30') },
        { now },
      ),
    );
    expect(moved).toMatchObject({
      id: appointment.id,
      bayId: appointment.bayId,
      endsAt: newYorkTime(4, '15:00'),
    });
    await book({ startsAt: newYorkTime(5, '08:00') });
    await book({ startsAt: newYorkTime(5, '08:00') });
    const intoFull = database.forOrganization(orgId, (trx) =>
      rescheduleAppointment(
        trx,
        orgId,
        appointment.id,
        { startsAt: newYorkTime(5, '08:30') },
        { now },
      ),
    );
    await expect(intoFull).rejects.toBeInstanceOf(SlotUnavailableError);
    const unchanged = await database.forOrganization(orgId, (trx) =>
      getAppointment(trx, appointment.id),
    );
    expect(unchanged?.startsAt).toEqual(newYorkTime(4, '13:30'));
  });

  it('cancels with a reason, freeing the bay, and refuses to cancel twice', async () => {
    const startsAt = newYorkTime(6, '08:00');
    const [first] = await Promise.all([book({ startsAt }), book({ startsAt })]);
    if (first === undefined) throw new Error('not booked');
    const cancelled = await database.forOrganization(orgId, (trx) =>
      cancelAppointment(trx, first.id, 'Customer sold the car'),
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Customer sold the car' });
    expect((await book({ startsAt })).bayId).toBe(first.bayId);
    await expect(
      database.forOrganization(orgId, (trx) => cancelAppointment(trx, first.id, 'again')),
    ).rejects.toThrow(/cancelled, not booked/);
  });

  it('lists by range, status and customer with a cursor, and the upcoming ones', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await database.forOrganization(orgId, (trx) =>
        listAppointments(trx, {
          customerId: customer.id,
          limit: 2,
          ...(cursor === undefined ? {} : { cursor }),
        }),
      );
      all.push(...page.items.map((item) => item.startsAt.toISOString()));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(all).toEqual([...all].sort());
    expect(all.length).toBeGreaterThanOrEqual(8);
    const tuesday = await database.forOrganization(orgId, (trx) =>
      listAppointments(trx, {
        from: newYorkTime(3, '00:00'),
        to: newYorkTime(4, '00:00'),
        status: 'booked',
      }),
    );
    expect(tuesday.items).toHaveLength(3);
    const cancelled = await database.forOrganization(orgId, (trx) =>
      listAppointments(trx, { status: ['cancelled'] }),
    );
    expect(cancelled.items).toHaveLength(1);
    const upcoming = await database.forOrganization(orgId, (trx) =>
      listUpcomingAppointments(trx, customer.id, { now: newYorkTime(5, '00:00'), limit: 3 }),
    );
    expect(upcoming.map((item) => item.startsAt)).toEqual([
      newYorkTime(5, '08:00'),
      newYorkTime(5, '08:00'),
      newYorkTime(6, '08:00'),
    ]);
  });
});
