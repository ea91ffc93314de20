import { describe, expect, it } from 'vitest';
import { decodeModelYear } from './vin-model-year.js';

const now = new Date('2025-06-15T12:00:00Z');

describe('decodeModelYear', () => {
  it('uses position 7 for North American vehicles: a digit means 1980–2009', () => {
    expect(decodeModelYear('1G1JC5248A7000001', { now, usePositionSeven: true })).toBe(1980);
  });

  it('uses position 7 for North American vehicles: a letter means 2010–2039', () => {
    expect(decodeModelYear('1G1PC5SB7A7000001', { now, usePositionSeven: true })).toBe(2010);
  });

  it('falls back to the latest possible year when position 7 would give a future year', () => {
    // A heavy truck: letter at position 7 but model year code Y, which would be 2030.
    expect(decodeModelYear('1FDXE45S2YD000001', { now, usePositionSeven: true })).toBe(2000);
  });

  it('otherwise prefers the most recent year not later than next calendar year', () => {
    expect(decodeModelYear('WBA8E9C56GK000001', { now })).toBe(2016);
    expect(decodeModelYear('WBA8E9C56SK000001', { now })).toBe(2025);
    expect(decodeModelYear('WBA8E9C56TK000001', { now })).toBe(2026);
    expect(decodeModelYear('WBA8E9C56VK000001', { now })).toBe(1997);
  });

  it('moves to the next cycle as time passes', () => {
    const later = new Date('2039-07-01T00:00:00Z');
    expect(decodeModelYear('WBA8E9C56AK000001', { now: later })).toBe(2040);
    expect(decodeModelYear('WBA8E9C56BK000001', { now: later })).toBe(2011);
  });

  it('returns undefined for characters that are not year codes', () => {
    for (const code of ['U', 'Z', '0']) {
      expect(decodeModelYear(`WBA8E9C56${code}K000001`, { now })).toBeUndefined();
    }
    expect(decodeModelYear('WBA8E9C56', { now })).toBeUndefined();
  });
});
