import { describe, expect, it } from 'vitest';
import { computeAvailableSlots } from './compute-available-slots.js';
import type { SlotQuery } from './slot-types.js';

const everyDay = (opens: string, closes: string): SlotQuery['businessHours'] =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens, closes }));

function slotStarts(
  overrides: Pick<SlotQuery, 'timeZone' | 'businessHours' | 'from' | 'to'>,
): string[] {
  return computeAvailableSlots({
    bays: [{ id: 'lift-1' }],
    appointments: [],
    durationMinutes: 30,
    now: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  }).map((slot) => slot.startsAt.toISOString().slice(0, 16));
}

describe('computeAvailableSlots across daylight-saving changes', () => {
  it('keeps 09:00 local on both sides of the New York spring-forward', () => {
    const starts = slotStarts({
      timeZone: 'America/New_York',
      businessHours: everyDay('09:00', '09:30'),
      from: new Date('2026-03-07T00:00:00Z'),
      to: new Date('2026-03-10T00:00:00Z'),
    });
    expect(starts).toEqual(['2026-03-07T14:00', '2026-03-08T13:00', '2026-03-09T13:00']);
  });

  it('skips the missing hour of the New York spring-forward', () => {
    const starts = slotStarts({
      timeZone: 'America/New_York',
      businessHours: [{ weekday: 0, opens: '01:00', closes: '04:00' }],
      from: new Date('2026-03-08T05:00:00Z'),
      to: new Date('2026-03-09T04:00:00Z'),
    });
    // 01:00, 01:30 EST, then 03:00, 03:30 EDT; 02:00 and 02:30 do not exist that night.
    expect(starts).toEqual([
      '2026-03-08T06:00',
      '2026-03-08T06:30',
      '2026-03-08T07:00',
      '2026-03-08T07:30',
    ]);
  });

  it('offers the repeated hour of the New York fall-back once, at its first occurrence', () => {
    const starts = slotStarts({
      timeZone: 'America/New_York',
      businessHours: [{ weekday: 0, opens: '00:30', closes: '02:30' }],
      from: new Date('2026-11-01T04:00:00Z'),
      to: new Date('2026-11-02T05:00:00Z'),
    });
    // 00:30, 01:00, 01:30 EDT, then 02:00 EST; closing at 02:30 EST allows the last one.
    expect(starts).toEqual([
      '2026-11-01T04:30',
      '2026-11-01T05:00',
      '2026-11-01T05:30',
      '2026-11-01T07:00',
    ]);
  });

  it('skips the missing hour of the Berlin spring-forward', () => {
    const starts = slotStarts({
      timeZone: 'Europe/Berlin',
      businessHours: everyDay('01:00', '04:00'),
      from: new Date('2026-03-28T23:00:00Z'),
      to: new Date('2026-03-29T22:00:00Z'),
    });
    expect(starts).toEqual([
      '2026-03-29T00:00',
      '2026-03-29T00:30',
      '2026-03-29T01:00',
      '2026-03-29T01:30',
    ]);
  });

  it('offers the repeated hour of the Berlin fall-back once, and finds the slot before UTC midnight', () => {
    const starts = slotStarts({
      timeZone: 'Europe/Berlin',
      businessHours: everyDay('01:30', '03:30'),
      from: new Date('2026-10-24T22:00:00Z'),
      to: new Date('2026-10-25T23:00:00Z'),
    });
    // 01:30, 02:00, 02:30 CEST, then 03:00 CET; 03:30 CET closes at 02:30 UTC.
    expect(starts).toEqual([
      '2026-10-24T23:30',
      '2026-10-25T00:00',
      '2026-10-25T00:30',
      '2026-10-25T02:00',
    ]);
  });

  it('keeps 08:00 local on both sides of the Berlin fall-back', () => {
    const starts = slotStarts({
      timeZone: 'Europe/Berlin',
      businessHours: everyDay('08:00', '08:30'),
      from: new Date('2026-10-24T00:00:00Z'),
      to: new Date('2026-10-27T00:00:00Z'),
    });
    expect(starts).toEqual(['2026-10-24T06:00', '2026-10-25T07:00', '2026-10-26T07:00']);
  });

  it('measures a long job in real minutes over the change', () => {
    const slots = computeAvailableSlots({
      timeZone: 'America/New_York',
      businessHours: [{ weekday: 0, opens: '00:00', closes: '04:00' }],
      bays: [{ id: 'lift-1' }],
      appointments: [],
      durationMinutes: 180,
      now: new Date('2026-01-01T00:00:00Z'),
      from: new Date('2026-03-08T05:00:00Z'),
      to: new Date('2026-03-09T04:00:00Z'),
    });
    // The night has only three real hours between 00:00 and 04:00 local, so only 00:00 fits.
    expect(slots.map((slot) => slot.startsAt.toISOString())).toEqual(['2026-03-08T05:00:00.000Z']);
  });
});
