/**
 * Model year from VIN position 10. The code repeats every 30 years (A = 1980, 2010, 2040 …), so
 * the year is chosen with two hints: position 7 for North American light vehicles, and "not later
 * than next calendar year" (makers sell next year's models from mid-year on).
 */

/** Codes in order from 1980 (A) to 2009 (9); I, O, Q, U, Z and 0 are never used. */
const yearCodes = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const firstCycleStart = 1980;
const cycleLength = 30;

/** Options for {@link decodeModelYear}. */
export interface ModelYearOptions {
  /** The current time; model years after next calendar year are not considered. */
  now?: Date;
  /**
   * Apply the position-7 rule (a letter means 2010–2039, a digit 1980–2009). US rules define it
   * for passenger cars, MPVs and light trucks built for North America; heavier trucks may not
   * follow it, which is why a result later than next year falls back to the plain rule.
   */
  usePositionSeven?: boolean;
}

/** Model year of a 17-character VIN, or undefined when position 10 is not a year code. */
export function decodeModelYear(vin: string, options: ModelYearOptions = {}): number | undefined {
  const codeIndex = yearCodes.indexOf(vin.charAt(9));
  if (vin.length !== 17 || codeIndex < 0) return undefined;
  const latestYear = (options.now ?? new Date()).getUTCFullYear() + 1;
  const earliestCandidate = firstCycleStart + codeIndex;

  if (options.usePositionSeven === true) {
    const positionSeven = vin.charAt(6);
    const isLetter = positionSeven >= 'A' && positionSeven <= 'Z';
    const isDigit = positionSeven >= '0' && positionSeven <= '9';
    if (isLetter || isDigit) {
      const year = earliestCandidate + (isLetter ? cycleLength : 0);
      if (year <= latestYear) return year;
    }
  }

  if (earliestCandidate > latestYear) return earliestCandidate;
  const cyclesSince = Math.floor((latestYear - earliestCandidate) / cycleLength);
  return earliestCandidate + cyclesSince * cycleLength;
}
