import { describe, expect, it } from 'vitest';
import { checkStatsRange, datesBetween, StatsRangeError } from './stats-window.js';

const day = 86_400_000;
const now = new Date('2025-03-11T12:00:00Z');

function refusal(run: () => void): StatsRangeError {
  try {
    run();
  } catch (error) {
    if (error instanceof StatsRangeError) return error;
    throw error;
  }
  throw new Error('the range was accepted');
}

describe('datesBetween', () => {
  it('lists every date across month and year ends, both ends included', () => {
    expect(datesBetween('2024-12-30', '2025-01-02')).toEqual([
      '2024-12-30',
      '2024-12-31',
      '2025-01-01',
      '2025-01-02',
    ]);
    expect(datesBetween('2024-02-28', '2024-03-01')).toHaveLength(3);
    expect(datesBetween('2025-03-11', '2025-03-11')).toEqual(['2025-03-11']);
  });
});

describe('checkStatsRange', () => {
  it('accepts defaults and ranges up to 366 days', () => {
    expect(() => checkStatsRange({}, now)).not.toThrow();
    expect(() => checkStatsRange({ to: new Date(0) }, now)).not.toThrow();
    const to = new Date('2025-03-01T00:00:00Z');
    expect(() =>
      checkStatsRange({ from: new Date(to.getTime() - 366 * day), to }, now),
    ).not.toThrow();
  });

  it('names the parameter at fault', () => {
    const to = new Date('2025-03-01T00:00:00Z');
    expect(refusal(() => checkStatsRange({ from: to, to }, now)).parameter).toBe('to');
    expect(
      refusal(() => checkStatsRange({ from: new Date(to.getTime() - 366 * day - 1), to }, now))
        .parameter,
    ).toBe('from');
    expect(refusal(() => checkStatsRange({ from: now }, now)).parameter).toBe('from');
  });
});
