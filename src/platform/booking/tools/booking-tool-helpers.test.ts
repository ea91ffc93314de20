import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../logging/logger.js';
import { InvalidVinError, SlotUnavailableError } from '../store/index.js';
import { toToolError } from './booking-tool-errors.js';
import { spreadSlots } from './get-available-slots-tool.js';
import { parseStartTime } from './parse-start-time.js';
import { optionalInteger, ToolArgumentError } from './tool-arguments.js';

const newYork = 'America/New_York';

describe('parseStartTime', () => {
  it('reads ISO times with an offset as given, and local times in the organisation zone', () => {
    expect(parseStartTime('2026-03-03T09:30:00-05:00', newYork).toISOString()).toBe(
      '2026-03-03T14:30:00.000Z',
    );
    expect(parseStartTime('2026-03-03T14:30:00Z', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-03T14:30:00.000Z',
    );
    expect(parseStartTime('2026-03-03T09:30', newYork).toISOString()).toBe(
      '2026-03-03T14:30:00.000Z',
    );
    expect(parseStartTime('2026-07-03 09:30', newYork).toISOString()).toBe(
      '2026-07-03T13:30:00.000Z',
    );
  });

  it('refuses times clocks skip, impossible dates and other forms', () => {
    expect(() => parseStartTime('2026-03-08T02:30', newYork)).toThrow(
      /does not exist in America\/New_York/,
    );
    expect(() => parseStartTime('2026-02-30T09:00', newYork)).toThrow(ToolArgumentError);
    expect(() => parseStartTime('next Tuesday', newYork)).toThrow(
      /startsAt must be a date and time/,
    );
  });
});

describe('spreadSlots', () => {
  const slotsAt = (isoTimes: string[]) =>
    isoTimes.map((iso) => ({ startsAt: new Date(iso), endsAt: new Date(iso), bayIds: ['bay'] }));

  it('takes the first, last and evenly spaced times of each day', () => {
    const monday = Array.from({ length: 9 }, (_, hour) => `2026-03-02T${String(13 + hour)}:00:00Z`);
    const picked = spreadSlots(slotsAt(monday), 6, newYork).map((slot) =>
      slot.startsAt.getUTCHours(),
    );
    expect(picked).toEqual([13, 15, 16, 18, 19, 21]);
    const twoDays = [
      ...monday,
      '2026-03-03T13:00:00Z',
      '2026-03-03T20:00:00Z',
      '2026-03-03T21:00:00Z',
    ];
    expect(
      spreadSlots(slotsAt(twoDays), 6, newYork).map((slot) =>
        slot.startsAt.toISOString().slice(8, 13),
      ),
    ).toEqual(['02T13', '02T17', '02T21', '03T13', '03T20', '03T21']);
  });
});

describe('toToolError and tool arguments', () => {
  it('relays expected outcomes, hints at another time for a taken slot, and hides the rest', () => {
    const lines: string[] = [];
    const logger = createLogger({
      redactPii: true,
      destination: new Writable({
        write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()),
      }),
    });
    const details = { tool: 'book_appointment', callId: 'call-1', logger };
    const taken = toToolError(new SlotUnavailableError(new Date(0), new Date(1)), details);
    expect(taken.message).toMatch(/just taken.*another time/);
    const vin = new InvalidVinError('X', 'The VIN is too short.');
    expect(toToolError(vin, details)).toBe(vin);
    const hidden = toToolError(
      new Error('duplicate key value violates unique constraint "secret"'),
      details,
    );
    expect(hidden.message).toMatch(/could not do that just now/);
    expect(hidden.message).not.toMatch(/secret/);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      msg: 'booking tool failed',
      tool: 'book_appointment',
      pii: '[redacted]',
    });
  });

  it('accepts whole numbers, also as digit strings, and names the argument otherwise', () => {
    const range = { minimum: 1, maximum: 14 };
    expect(optionalInteger({}, 'days', range, 3)).toBe(3);
    expect(optionalInteger({ days: '5' }, 'days', range, 3)).toBe(5);
    expect(() => optionalInteger({ days: 2.5 }, 'days', range, 3)).toThrow(
      /days must be a whole number from 1 to 14/,
    );
  });
});
