import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_TOOL_NAMES, type BookingToolName } from '../../../agents/agent-definition.js';
import type { ToolContext, ToolV1 } from '../../../engine/tool.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import type { SwitchboardDatabase } from '../../db/switchboard-database.js';
import {
  createBookingTestOrganization,
  makeTestVin,
  newYorkTime,
  TEST_NOW,
} from '../store/booking-test-fixture.js';
import { bookAppointment, createCustomer, createVehicle, getAppointment } from '../store/index.js';
import { createBookingToolFactory } from './index.js';

const adaPhone = '+14155550110';
const adaVin = makeTestVin('1HGCM8263A004352');

describe.each(testBackends())('booking tools on $name', (backend) => {
  let database: SwitchboardDatabase;
  let orgId: string;
  let otherOrgId: string;
  let callId: string;
  let adaId: string;
  let adaVehicleId: string;

  const context = (from: string): ToolContext => ({
    callId,
    from,
    to: '+14155550100',
    abortSignal: new AbortController().signal,
    variables: {},
  });
  const toolsFor = (organization: string) => {
    const factory = createBookingToolFactory({
      database,
      orgId: organization,
      callId,
      now: () => TEST_NOW,
    });
    return (name: BookingToolName): ToolV1 => {
      const tool = factory(name, { timeoutMs: 5_000 });
      if (tool === undefined) throw new Error(`no tool ${name}`);
      return tool;
    };
  };

  beforeAll(async () => {
    database = await backend.open();
    ({ orgId } = await createBookingTestOrganization(database, 'Tool Motors'));
    ({ orgId: otherOrgId } = await createBookingTestOrganization(database, 'Rival Motors'));
    callId = randomUUID();
    await database.asSystem('call-records', (db) =>
      db
        .insertInto('calls')
        .values({
          id: callId,
          org_id: orgId,
          direction: 'inbound',
          status: 'in-progress',
          from_number: adaPhone,
          to_number: '+14155550100',
          carrier: 'twilio',
          routed_by: 'number',
        })
        .execute(),
    );
    ({ adaId, adaVehicleId } = await database.forOrganization(orgId, async (trx) => {
      const ada = await createCustomer(trx, orgId, {
        firstName: 'Ada',
        lastName: 'Lovelace',
        phone: adaPhone,
      });
      const vehicle = await createVehicle(trx, orgId, {
        customerId: ada.id,
        vin: adaVin,
        model: 'Accord',
      });
      await bookAppointment(
        trx,
        orgId,
        {
          customerId: ada.id,
          vehicleId: vehicle.id,
          serviceType: 'Oil change',
          startsAt: newYorkTime(5, '09:00'),
        },
        { now: TEST_NOW },
      );
      return { adaId: ada.id, adaVehicleId: vehicle.id };
    }));
  }, 60_000);
  afterAll(async () => database?.close());

  it('builds every booking tool as a normal tool with an object schema and the timeout', () => {
    const factory = createBookingToolFactory({ database, orgId, callId });
    for (const name of BOOKING_TOOL_NAMES) {
      const tool = factory(name, { timeoutMs: 1234 });
      expect(tool).toMatchObject({
        name,
        kind: 'normal',
        timeoutMs: 1234,
        parameters: { type: 'object' },
      });
      expect(tool?.description.length).toBeGreaterThan(40);
    }
  });

  it('looks the caller up by caller ID, or by a number they say, with vehicles and next appointment', async () => {
    const tool = toolsFor(orgId)('lookup_customer');
    const found = await tool.execute({}, context(adaPhone));
    expect(found).toMatchObject({
      found: true,
      customers: [
        {
          customerId: adaId,
          firstName: 'Ada',
          vehicles: [{ vehicleId: adaVehicleId, vin: adaVin, description: '2003 Honda Accord' }],
          nextAppointment: {
            serviceType: 'Oil change',
            startsAt: '2026-03-05T14:00:00.000Z',
            spoken: 'Oil change on Thursday, March 5 at 9:00 AM',
          },
        },
      ],
    });
    expect(await tool.execute({}, context('+14155550999'))).toEqual({ found: false });
    expect(await tool.execute({ phone: '(415) 555-0110' }, context('anonymous'))).toMatchObject({
      found: true,
    });
    expect(await tool.execute({}, context('anonymous'))).toMatchObject({
      found: false,
      reason: expect.any(String),
    });
    await expect(tool.execute({ phone: '12' }, context(adaPhone))).rejects.toThrow(
      /not a valid phone number/,
    );
    expect(await toolsFor(otherOrgId)('lookup_customer').execute({}, context(adaPhone))).toEqual({
      found: false,
    });
  });

  it('offers up to six free times spread over the days, in the dealership time zone', async () => {
    const result = (await toolsFor(orgId)('get_available_slots').execute(
      { days: 3, serviceType: 'oil change' },
      context(adaPhone),
    )) as {
      slots: { startsAt: string; spoken: string }[];
      searched: { date: string };
    };
    expect(result.searched.date).toBe('2026-03-02');
    expect(result.slots).toHaveLength(6);
    expect(result.slots[0]).toEqual({
      startsAt: '2026-03-02T13:00:00.000Z',
      endsAt: '2026-03-02T14:00:00.000Z',
      spoken: 'Monday, March 2 at 8:00 AM',
    });
    expect(new Set(result.slots.map((slot) => slot.spoken.split(' at ')[0])).size).toBe(3);
    const sunday = await toolsFor(orgId)('get_available_slots').execute(
      { date: '2026-03-08', days: 1 },
      context(adaPhone),
    );
    expect(sunday).toMatchObject({ slots: [], spoken: expect.stringContaining('try later dates') });
    await expect(
      toolsFor(orgId)('get_available_slots').execute({ date: '2026-03-01' }, context(adaPhone)),
    ).rejects.toThrow(/has passed; today is 2026-03-02/);
    await expect(
      toolsFor(orgId)('get_available_slots').execute({ days: 30 }, context(adaPhone)),
    ).rejects.toThrow(/days must be a whole number from 1 to 14/);
  });

  it('books for a looked-up customer, records the call, and relays a taken slot', async () => {
    const tools = toolsFor(orgId);
    await tools('lookup_customer').execute({}, context(adaPhone));
    const booked = (await tools('book_appointment').execute(
      {
        customerId: adaId,
        vehicleId: adaVehicleId,
        serviceType: 'Brake inspection',
        startsAt: '2026-03-03T10:00',
      },
      context(adaPhone),
    )) as { appointmentId: string; startsAt: string; spoken: string };
    expect(booked).toMatchObject({
      booked: true,
      startsAt: '2026-03-03T15:00:00.000Z',
      spoken: 'Brake inspection on Tuesday, March 3 at 10:00 AM',
    });
    const stored = await database.forOrganization(orgId, (trx) =>
      getAppointment(trx, booked.appointmentId),
    );
    expect(stored?.callId).toBe(callId);
    await tools('book_appointment').execute(
      { customerId: adaId, serviceType: 'Tyres', startsAt: '2026-03-03T15:00:00.000Z' },
      context(adaPhone),
    );
    await expect(
      tools('book_appointment').execute(
        {
          customerId: adaId,
          serviceType: 'Wipers',
          startsAt: '2026-03-03T10:30:00-05:00',
          durationMinutes: 30,
        },
        context(adaPhone),
      ),
    ).rejects.toThrow(/just taken.*offer the caller another time/);
    await expect(
      tools('book_appointment').execute(
        { customerId: adaId, serviceType: 'x', startsAt: '2026-03-03T18:00' },
        context(adaPhone),
      ),
    ).rejects.toThrow(/outside business hours/);
    await expect(
      tools('book_appointment').execute(
        { customerId: adaId, serviceType: 'x', startsAt: 'tomorrow at 9' },
        context(adaPhone),
      ),
    ).rejects.toThrow(/startsAt must be a date and time/);
  });

  it('creates a new caller with their vehicle in the same booking, and checks the VIN', async () => {
    const tools = toolsFor(orgId);
    const caller = context('+16505550123');
    await expect(
      tools('book_appointment').execute(
        {
          firstName: 'Grace',
          lastName: 'Hopper',
          vehicleVin: '1HGCM82633A004353',
          serviceType: 'Oil change',
          startsAt: '2026-03-04T08:00',
        },
        caller,
      ),
    ).rejects.toThrow(/check digit/);
    const booked = await tools('book_appointment').execute(
      {
        firstName: 'Grace',
        lastName: 'Hopper',
        vehicleVin: makeTestVin('5YJ3E1EAKF317410'),
        serviceType: 'Oil change',
        startsAt: '2026-03-04T08:00',
      },
      caller,
    );
    expect(booked).toMatchObject({
      booked: true,
      customerCreated: true,
      customerName: 'Grace Hopper',
      vehicle: { description: '2019 Tesla' },
    });
    const upcoming = await tools('get_upcoming_appointments').execute({}, caller);
    expect(upcoming).toMatchObject({
      found: true,
      appointments: [
        { serviceType: 'Oil change', spoken: 'Oil change on Wednesday, March 4 at 8:00 AM' },
      ],
    });
    const again = await toolsFor(orgId)('book_appointment').execute(
      {
        firstName: 'grace',
        lastName: 'hopper',
        serviceType: 'Car wash',
        startsAt: '2026-03-04T10:00',
      },
      caller,
    );
    expect(again).toMatchObject({ customerCreated: false });
  });

  it("cancels and reschedules only the caller's own appointments", async () => {
    const own = (await toolsFor(orgId)('get_upcoming_appointments').execute(
      {},
      context(adaPhone),
    )) as {
      appointments: { appointmentId: string }[];
    };
    const target = own.appointments[0]?.appointmentId ?? '';
    const stranger = toolsFor(orgId);
    await expect(
      stranger('cancel_appointment').execute(
        { appointmentId: target, reason: 'prank' },
        context('+16505550199'),
      ),
    ).rejects.toThrow(/not been identified on this call/);
    await expect(
      toolsFor(otherOrgId)('cancel_appointment').execute(
        { appointmentId: target, reason: 'x' },
        context(adaPhone),
      ),
    ).rejects.toThrow(/No appointment/);
    const moved = await toolsFor(orgId)('reschedule_appointment').execute(
      { appointmentId: target, startsAt: '2026-03-06T11:00' },
      context(adaPhone),
    );
    expect(moved).toMatchObject({
      rescheduled: true,
      spoken: expect.stringContaining('Friday, March 6 at 11:00 AM'),
    });
    const cancelled = await toolsFor(orgId)('cancel_appointment').execute(
      { appointmentId: target, reason: 'Going on holiday' },
      context(adaPhone),
    );
    expect(cancelled).toMatchObject({
      cancelled: true,
      status: 'cancelled',
      spoken: expect.stringMatching(/^Cancelled: /),
    });
  });

  it('decodes a VIN without the database, and refuses to start once aborted', async () => {
    const tool = toolsFor(orgId)('decode_vin');
    expect(await tool.execute({ vin: '1hgcm8-2633a004352' }, context(adaPhone))).toMatchObject({
      valid: true,
      manufacturer: 'Honda',
      modelYear: 2003,
    });
    const aborted = new AbortController();
    aborted.abort();
    await expect(
      tool.execute({ vin: adaVin }, { ...context(adaPhone), abortSignal: aborted.signal }),
    ).rejects.toThrow();
  });
});
