import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../errors/index.js';
import { describeSlot } from './describe-slot.js';

const slot = {
  startsAt: new Date('2026-03-03T14:30:00Z'),
  endsAt: new Date('2026-03-03T15:30:00Z'),
};

describe('describeSlot', () => {
  it('says the weekday, date and time in the dealership time zone', () => {
    expect(describeSlot(slot, 'America/New_York')).toBe('Tuesday, March 3 at 9:30 AM');
    expect(describeSlot(slot, 'America/Los_Angeles')).toBe('Tuesday, March 3 at 6:30 AM');
  });

  it('uses the date of the time zone, not of UTC', () => {
    const lateEvening = { startsAt: new Date('2026-03-04T01:00:00Z') };
    expect(describeSlot(lateEvening, 'America/New_York')).toBe('Tuesday, March 3 at 8:00 PM');
  });

  it('follows other locales', () => {
    expect(describeSlot(slot, 'Europe/Berlin', 'de-DE')).toBe('Dienstag, 3. März um 15:30');
  });

  it('rejects an unknown time zone or locale', () => {
    expect(() => describeSlot(slot, 'Nowhere/Town')).toThrow(ConfigError);
    expect(() => describeSlot(slot, 'UTC', 'not a locale!')).toThrow(/locale/);
  });
});
