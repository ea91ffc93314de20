import { describe, expect, it } from 'vitest';
import { ConfigError, SwitchboardError } from '../../../errors/index.js';
import { computeAvailableSlots } from './compute-available-slots.js';
import type { AvailableSlot, SlotQuery } from './slot-types.js';

const newYork = 'America/New_York';
const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '17:00' }));
const bays = [{ id: 'lift-1' }, { id: 'lift-2' }];
// Tuesday 3 March 2026, midnight to midnight in New York (EST, UTC-5).
const tuesday = { from: new Date('2026-03-03T05:00:00Z'), to: new Date('2026-03-04T05:00:00Z') };
const longAgo = new Date('2026-01-01T00:00:00Z');

function query(overrides: Partial<SlotQuery>): SlotQuery {
  return {
    timeZone: newYork,
    businessHours: weekdays,
    bays,
    appointments: [],
    ...tuesday,
    durationMinutes: 60,
    now: longAgo,
    ...overrides,
  };
}

const starts = (slots: AvailableSlot[]): string[] =>
  slots.map((slot) => slot.startsAt.toISOString().slice(11, 16));

describe('computeAvailableSlots', () => {
  it('offers every half hour from opening until the last hour that still fits', () => {
    const slots = computeAvailableSlots(query({}));
    expect(slots).toHaveLength(17); // 08:00 … 16:00 local
    expect(slots[0]).toEqual({
      startsAt: new Date('2026-03-03T13:00:00Z'),
      endsAt: new Date('2026-03-03T14:00:00Z'),
      bayIds: ['lift-1', 'lift-2'],
    });
    expect(slots.at(-1)?.startsAt).toEqual(new Date('2026-03-03T21:00:00Z'));
  });

  it('offers nothing on closed days', () => {
    const weekend = {
      from: new Date('2026-03-07T05:00:00Z'),
      to: new Date('2026-03-09T04:00:00Z'),
    };
    expect(computeAvailableSlots(query(weekend))).toEqual([]);
  });

  it('lists only the free bay while the other is busy, and drops times when both are', () => {
    const appointments = [
      {
        bayId: 'lift-1',
        startsAt: new Date('2026-03-03T13:00:00Z'),
        endsAt: new Date('2026-03-03T15:00:00Z'),
      },
      {
        bayId: 'lift-2',
        startsAt: new Date('2026-03-03T13:00:00Z'),
        endsAt: new Date('2026-03-03T14:00:00Z'),
      },
    ];
    const slots = computeAvailableSlots(query({ appointments, limit: 4 }));
    expect(starts(slots)).toEqual(['14:00', '14:30', '15:00', '15:30']);
    expect(slots.map((slot) => slot.bayIds)).toEqual([
      ['lift-2'],
      ['lift-2'],
      ['lift-1', 'lift-2'],
      ['lift-1', 'lift-2'],
    ]);
  });

  it('keeps appointments out of the lunch break and lets none straddle it', () => {
    const hours = [
      { weekday: 2, opens: '08:00', closes: '12:00' },
      { weekday: 2, opens: '13:00', closes: '17:00' },
    ];
    const local = starts(
      computeAvailableSlots(query({ businessHours: hours, durationMinutes: 90, stepMinutes: 60 })),
    );
    // 08:00, 09:00, 10:00 and 13:00, 14:00, 15:00 EST; 11:00 and 12:00 would run into lunch.
    expect(local).toEqual(['13:00', '14:00', '15:00', '18:00', '19:00', '20:00']);
  });

  it('merges touching intervals so a job may run across them', () => {
    const hours = [
      { weekday: 2, opens: '12:00', closes: '17:00' },
      { weekday: 2, opens: '08:00', closes: '12:00' },
    ];
    const slots = computeAvailableSlots(query({ businessHours: hours, durationMinutes: 540 }));
    expect(starts(slots)).toEqual(['13:00']);
  });

  it('respects lead time from now, and the limit', () => {
    const now = new Date('2026-03-03T14:10:00Z'); // 09:10 local
    const slots = computeAvailableSlots(query({ now, leadTimeMinutes: 60, limit: 3 }));
    expect(starts(slots)).toEqual(['15:30', '16:00', '16:30']);
    expect(computeAvailableSlots(query({ limit: 0 }))).toEqual([]);
  });

  it('returns slots of several days in time order and honours the end of the window', () => {
    const to = new Date('2026-03-04T15:00:00Z'); // Wednesday 10:00 local
    const slots = computeAvailableSlots(query({ to, stepMinutes: 60 }));
    expect(slots).toHaveLength(11); // 9 on Tuesday, then 08:00 and 09:00 on Wednesday
    const times = slots.map((slot) => slot.startsAt.getTime());
    expect(times).toEqual([...times].sort((left, right) => left - right));
    expect(slots.at(-1)?.endsAt).toEqual(to);
  });

  it('supports closing at 24:00', () => {
    const hours = [{ weekday: 2, opens: '22:00', closes: '24:00' }];
    const slots = computeAvailableSlots(
      query({ businessHours: hours, to: new Date('2026-03-05T05:00:00Z') }),
    );
    expect(slots.map((slot) => slot.startsAt.toISOString())).toEqual([
      '2026-03-04T03:00:00.000Z',
      '2026-03-04T03:30:00.000Z',
      '2026-03-04T04:00:00.000Z',
    ]);
  });

  it('returns nothing without bays or when the window is empty', () => {
    expect(computeAvailableSlots(query({ bays: [] }))).toEqual([]);
    expect(computeAvailableSlots(query({ to: tuesday.from }))).toEqual([]);
  });

  it('names the bad setting or field', () => {
    expect(() => computeAvailableSlots(query({ timeZone: 'Eastern' }))).toThrow(ConfigError);
    const badHours = [{ weekday: 7, opens: '08:00', closes: '17:00' }];
    expect(() => computeAvailableSlots(query({ businessHours: badHours }))).toThrow(
      /businessHours\[0\]\.weekday/,
    );
    const backwards = [{ weekday: 2, opens: '17:00', closes: '08:00' }];
    expect(() => computeAvailableSlots(query({ businessHours: backwards }))).toThrow(
      /must be earlier than closes/,
    );
    expect(() => computeAvailableSlots(query({ durationMinutes: 0 }))).toThrow(/durationMinutes/);
    expect(() => computeAvailableSlots(query({ stepMinutes: 7.5 }))).toThrow(SwitchboardError);
    expect(() => computeAvailableSlots(query({ from: new Date('invalid') }))).toThrow(
      /from must be a valid Date/,
    );
    expect(() => computeAvailableSlots(query({ to: new Date('2030-01-01T00:00:00Z') }))).toThrow(
      /at most 366/,
    );
  });
});
