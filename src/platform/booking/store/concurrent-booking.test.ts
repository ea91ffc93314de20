import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../testing/database/test-databases.js';
import type { SwitchboardDatabase } from '../../db/switchboard-database.js';
import { createBookingTestOrganization, newYorkTime, TEST_NOW } from './booking-test-fixture.js';
import {
  bookAppointment,
  createCustomer,
  listAppointments,
  rescheduleAppointment,
  SlotUnavailableError,
  type Appointment,
} from './index.js';

const callers = 8;

describe.each(testBackends())('concurrent booking on $name', (backend) => {
  let database: SwitchboardDatabase;
  let orgId: string;
  let customerIds: string[];

  beforeAll(async () => {
    database = await backend.open();
    ({ orgId } = await createBookingTestOrganization(database, 'Busy Motors', 2));
    customerIds = await database.forOrganization(orgId, async (trx) => {
      const ids: string[] = [];
      for (let index = 0; index < callers; index += 1)
        ids.push(
          (await createCustomer(trx, orgId, { firstName: `Caller${index}`, lastName: 'Rush' })).id,
        );
      return ids;
    });
  }, 60_000);
  afterAll(async () => database?.close());

  async function bookAll(startsAt: Date): Promise<PromiseSettledResult<Appointment>[]> {
    return Promise.allSettled(
      customerIds.map((customerId) =>
        database.forOrganization(orgId, (trx) =>
          bookAppointment(
            trx,
            orgId,
            { customerId, serviceType: 'Inspection', startsAt },
            { now: TEST_NOW },
          ),
        ),
      ),
    );
  }

  it(`lets exactly two of ${callers} simultaneous callers book one slot on two bays`, async () => {
    const startsAt = newYorkTime(3, '10:00');
    const outcomes = await bookAll(startsAt);
    const booked = outcomes.flatMap((outcome) =>
      outcome.status === 'fulfilled' ? [outcome.value] : [],
    );
    const failures = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason] : [],
    );
    expect(booked).toHaveLength(2);
    expect(new Set(booked.map((appointment) => appointment.bayId)).size).toBe(2);
    expect(failures).toHaveLength(callers - 2);
    for (const failure of failures) expect(failure).toBeInstanceOf(SlotUnavailableError);
    const stored = await database.forOrganization(orgId, (trx) =>
      listAppointments(trx, {
        from: startsAt,
        to: new Date(startsAt.getTime() + 1),
        status: 'booked',
      }),
    );
    expect(stored.items).toHaveLength(2);
  });

  it('keeps rescheduling just as safe', async () => {
    const target = newYorkTime(4, '14:00');
    const sources = await Promise.all(
      customerIds.slice(0, 4).map((customerId, index) =>
        database.forOrganization(orgId, (trx) =>
          bookAppointment(
            trx,
            orgId,
            {
              customerId,
              serviceType: 'Tyres',
              startsAt: newYorkTime(4, `${String(8 + index).padStart(2, '0')}:00`),
            },
            { now: TEST_NOW },
          ),
        ),
      ),
    );
    const outcomes = await Promise.allSettled(
      sources.map((appointment) =>
        database.forOrganization(orgId, (trx) =>
          rescheduleAppointment(
            trx,
            orgId,
            appointment.id,
            { startsAt: target },
            { now: TEST_NOW },
          ),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(2);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected')
        expect(outcome.reason).toBeInstanceOf(SlotUnavailableError);
  });
});
