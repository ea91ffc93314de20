import { describe, expect, it } from 'vitest';
import { findFreeBayIds, pickFreeBay } from './free-bays.js';

const at = (time: string): Date => new Date(`2026-03-03T${time}:00Z`);
const bays = [{ id: 'lift-1' }, { id: 'lift-2' }, { id: 'alignment' }];
const appointments = [
  { bayId: 'lift-1', startsAt: at('09:00'), endsAt: at('10:00') },
  { bayId: 'lift-2', startsAt: at('09:30'), endsAt: at('11:00') },
  { bayId: 'retired-bay', startsAt: at('08:00'), endsAt: at('18:00') },
];

describe('pickFreeBay', () => {
  it('returns the first bay in the given order that is free for the whole time', () => {
    expect(pickFreeBay(bays, appointments, at('08:00'), at('09:00'))).toBe('lift-1');
    expect(pickFreeBay(bays, appointments, at('09:00'), at('09:30'))).toBe('lift-2');
    expect(pickFreeBay(bays, appointments, at('09:15'), at('10:15'))).toBe('alignment');
  });

  it('treats touching appointments as not overlapping', () => {
    expect(pickFreeBay(bays, appointments, at('10:00'), at('11:00'))).toBe('lift-1');
  });

  it('returns undefined when every bay is taken', () => {
    const busy = [
      ...appointments,
      { bayId: 'alignment', startsAt: at('09:00'), endsAt: at('12:00') },
    ];
    expect(pickFreeBay(bays, busy, at('09:30'), at('10:00'))).toBeUndefined();
    expect(pickFreeBay([], [], at('09:30'), at('10:00'))).toBeUndefined();
  });
});

describe('findFreeBayIds', () => {
  it('lists free bays once each, ignoring appointments of unknown bays', () => {
    const withDuplicate = [...bays, { id: 'lift-1' }];
    expect(findFreeBayIds(withDuplicate, appointments, at('12:00'), at('13:00'))).toEqual([
      'lift-1',
      'lift-2',
      'alignment',
    ]);
  });
});
