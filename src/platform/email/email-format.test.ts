import { describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatDuration,
  formatFieldValue,
  formatPhoneNumber,
  humanizeKey,
  toOneLine,
  truncate,
} from './email-format.js';

describe('email formatting', () => {
  it('formats durations compactly', () => {
    expect(formatDuration(134_000)).toBe('2m 14s');
    expect(formatDuration(45_400)).toBe('45s');
    expect(formatDuration(3_725_000)).toBe('1h 02m');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(null)).toBeUndefined();
    expect(formatDuration(-5)).toBeUndefined();
  });

  it("shows instants in the organisation's zone, falling back to UTC for an unknown zone", () => {
    expect(formatDateTime('2025-01-14T22:03:00.000Z', 'America/Los_Angeles')).toBe(
      'Tue, Jan 14, 2025, 2:03 PM PST',
    );
    expect(formatDateTime('2025-01-14T22:03:00.000Z', 'Europe/Paris')).toContain('11:03 PM');
    expect(formatDateTime('2025-01-14T22:03:00.000Z', 'Mars/Olympus')).toContain('10:03 PM UTC');
    expect(formatDateTime('not a date', 'UTC')).toBe('not a date');
  });

  it('humanises keys in any case style', () => {
    expect(humanizeKey('preferredDate')).toBe('Preferred date');
    expect(humanizeKey('vehicle_year')).toBe('Vehicle year');
    expect(humanizeKey('follow-up-needed')).toBe('Follow up needed');
    expect(humanizeKey('vehicleVIN')).toBe('Vehicle VIN');
    expect(humanizeKey('caller_hangup')).toBe('Caller hangup');
    expect(humanizeKey('___')).toBe('___');
  });

  it('formats field values, objects and arrays as compact JSON', () => {
    expect(formatFieldValue('Dana')).toBe('Dana');
    expect(formatFieldValue(2019)).toBe('2019');
    expect(formatFieldValue(true)).toBe('Yes');
    expect(formatFieldValue(false)).toBe('No');
    expect(formatFieldValue(null)).toBe('Not provided');
    expect(formatFieldValue('  ')).toBe('(empty)');
    expect(formatFieldValue(['a', 1])).toBe('["a",1]');
    expect(formatFieldValue({ make: 'Honda' })).toBe('{"make":"Honda"}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatFieldValue(cyclic)).toBe('[object Object]');
    expect(formatFieldValue('x'.repeat(600))).toHaveLength(500);
  });

  it('formats phone numbers and leaves other identifiers alone', () => {
    expect(formatPhoneNumber('+14155550123')).toBe('+1 415 555 0123');
    expect(formatPhoneNumber('client:alice')).toBe('client:alice');
    expect(formatPhoneNumber('anonymous')).toBe('anonymous');
  });

  it('flattens and truncates text', () => {
    expect(toOneLine(' a\r\n  b\tc ')).toBe('a b c');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});
