import { describe, expect, it } from 'vitest';
import { formatClockTime } from './business-hours.js';
import { createLocalDayConverter } from './local-day-converter.js';
import { addDays } from './local-date.js';
import { zonedTimeToUtc } from './zoned-time.js';

describe('createLocalDayConverter', () => {
  it.each(['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago'])(
    'agrees with zonedTimeToUtc on every day of 2026 in %s',
    (timeZone) => {
      const minutes = [0, 90, 135, 150, 570, 1439];
      for (let dayIndex = 0; dayIndex < 365; dayIndex += 1) {
        const date = addDays('2026-01-01', dayIndex);
        const convert = createLocalDayConverter(date, timeZone);
        for (const minute of minutes) {
          const expected = zonedTimeToUtc(date, formatClockTime(minute), timeZone);
          expect(convert(minute)?.getTime(), `${date} ${minute}`).toBe(expected?.getTime());
        }
      }
    },
  );
});
