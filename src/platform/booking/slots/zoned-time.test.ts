import { describe, expect, it } from 'vitest';
import { ConfigError, SwitchboardError } from '../../../errors/index.js';
import { addDays, daysBetween, weekdayOf } from './local-date.js';
import { utcToZonedParts, zonedTimeToUtc } from './zoned-time.js';

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

describe('zonedTimeToUtc', () => {
  it('converts ordinary winter and summer times', () => {
    expect(iso(zonedTimeToUtc('2026-01-15', '09:00', 'America/New_York'))).toBe(
      '2026-01-15T14:00:00.000Z',
    );
    expect(iso(zonedTimeToUtc('2026-07-15', '09:00', 'America/New_York'))).toBe(
      '2026-07-15T13:00:00.000Z',
    );
    expect(iso(zonedTimeToUtc('2026-07-15', '09:00', 'Europe/Berlin'))).toBe(
      '2026-07-15T07:00:00.000Z',
    );
    expect(iso(zonedTimeToUtc('2026-07-15', '09:00', 'Asia/Kolkata'))).toBe(
      '2026-07-15T03:30:00.000Z',
    );
    expect(iso(zonedTimeToUtc('2026-07-15', '00:00', 'UTC'))).toBe('2026-07-15T00:00:00.000Z');
  });

  it('skips a time that the spring-forward jump leaves out, or shifts it on request', () => {
    expect(zonedTimeToUtc('2026-03-08', '02:30', 'America/New_York')).toBeUndefined();
    expect(zonedTimeToUtc('2026-03-29', '02:30', 'Europe/Berlin')).toBeUndefined();
    const shifted = zonedTimeToUtc('2026-03-08', '02:30', 'America/New_York', {
      nonexistent: 'shift-forward',
    });
    expect(iso(shifted)).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(zonedTimeToUtc('2026-03-08', '03:00', 'America/New_York'))).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });

  it('takes the first of the two instants when clocks go back', () => {
    expect(iso(zonedTimeToUtc('2026-11-01', '01:30', 'America/New_York'))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(iso(zonedTimeToUtc('2026-10-25', '02:30', 'Europe/Berlin'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('handles half-hour daylight saving (Lord Howe Island)', () => {
    expect(zonedTimeToUtc('2025-10-05', '02:15', 'Australia/Lord_Howe')).toBeUndefined();
    expect(iso(zonedTimeToUtc('2025-10-05', '02:30', 'Australia/Lord_Howe'))).toBe(
      '2025-10-04T15:30:00.000Z',
    );
  });

  it('rejects unknown zones and malformed dates or times with clear errors', () => {
    expect(() => zonedTimeToUtc('2026-01-15', '09:00', 'Mars/Olympus')).toThrow(ConfigError);
    expect(() => zonedTimeToUtc('2026-01-15', '09:00', 'Mars/Olympus')).toThrow(
      /timeZone: "Mars\/Olympus"/,
    );
    expect(() => zonedTimeToUtc('2026-02-30', '09:00', 'UTC')).toThrow(SwitchboardError);
    expect(() => zonedTimeToUtc('2026-01-15', '9:00', 'UTC')).toThrow(/HH:MM/);
    expect(() => zonedTimeToUtc('2026-01-15', '24:00', 'UTC')).toThrow(/HH:MM/);
  });
});

describe('utcToZonedParts', () => {
  it('reads the wall clock, weekday included', () => {
    expect(utcToZonedParts(new Date('2026-03-08T07:30:00Z'), 'America/New_York')).toEqual({
      date: '2026-03-08',
      time: '03:30',
      year: 2026,
      month: 3,
      day: 8,
      hour: 3,
      minute: 30,
      second: 0,
      weekday: 0,
    });
  });

  it('reports midnight as 00, not 24', () => {
    expect(utcToZonedParts(new Date('2026-07-14T22:00:00Z'), 'Europe/Berlin').time).toBe('00:00');
  });

  it('round-trips every quarter hour through a fall-back day', () => {
    for (let minute = 0; minute < 25 * 60; minute += 15) {
      const instant = new Date(Date.UTC(2026, 9, 24, 22) + minute * 60_000);
      const parts = utcToZonedParts(instant, 'Europe/Berlin');
      const back = zonedTimeToUtc(parts.date, parts.time, 'Europe/Berlin');
      const repeated =
        parts.date === '2026-10-25' && parts.hour === 2 && instant.getUTCHours() === 1;
      expect(back?.getTime(), instant.toISOString()).toBe(
        instant.getTime() - (repeated ? 3_600_000 : 0),
      );
    }
  });
});

describe('local dates', () => {
  it('adds days across months and years and knows the weekday', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(weekdayOf('2026-03-03')).toBe(2);
  });
});
