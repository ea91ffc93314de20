import {
  CHECK_DIGIT_POSITION,
  VIN_LENGTH,
  computeVinCheckDigit,
  isVinCharacter,
} from './vin-check-digit.js';

/** Outcome of {@link validateVin}: the normalised VIN, or a sentence saying what is wrong. */
export type VinValidation = { valid: true; vin: string } | { valid: false; reason: string };

/** Trims surrounding white space and upper-cases, the only changes we make to what was given. */
export function normalizeVin(vin: string): string {
  return vin.trim().toUpperCase();
}

/**
 * The first structural problem of a normalised VIN (length, then characters), or undefined when
 * it is 17 VIN characters. The check digit is not looked at.
 */
export function findVinFormatProblem(vin: string): string | undefined {
  if (vin.length === 0) return 'The VIN is empty.';
  if (vin.length !== VIN_LENGTH) {
    return `A VIN has exactly ${VIN_LENGTH} characters, but this one has ${vin.length}.`;
  }
  for (let index = 0; index < vin.length; index += 1) {
    const character = vin.charAt(index);
    if (isVinCharacter(character)) continue;
    const position = index + 1;
    if (character === 'I' || character === 'O' || character === 'Q') {
      return (
        `Position ${position} is the letter ${character}, which never appears in a VIN ` +
        '(I, O and Q are left out so they cannot be mistaken for 1 and 0).'
      );
    }
    return `Position ${position} is ${JSON.stringify(character)}, but a VIN contains only letters and digits.`;
  }
  return undefined;
}

/**
 * Checks a VIN the way a North American registry does: trims and upper-cases it, then requires
 * 17 characters from A–Z and 0–9 without I, O and Q, and a correct check digit at position 9.
 * Never throws; the reason is an English sentence that can be read back to a caller.
 *
 * Note that many VINs of vehicles built for markets outside North America do not use the check
 * digit, so they fail here although they are genuine; {@link decodeVin} still decodes them.
 *
 * @example validateVin(' 1hgcm82633a004352 ') // { valid: true, vin: '1HGCM82633A004352' }
 */
export function validateVin(vin: string): VinValidation {
  if (typeof vin !== 'string') return { valid: false, reason: 'The VIN must be text.' };
  const normalized = normalizeVin(vin);
  const formatProblem = findVinFormatProblem(normalized);
  if (formatProblem !== undefined) return { valid: false, reason: formatProblem };
  const expected = computeVinCheckDigit(normalized);
  const found = normalized.charAt(CHECK_DIGIT_POSITION - 1);
  if (expected !== found) {
    return {
      valid: false,
      reason:
        `The check digit at position ${CHECK_DIGIT_POSITION} is ${found}, but the other characters ` +
        `require ${expected ?? 'a different value'}; one of the characters was probably misread.`,
    };
  }
  return { valid: true, vin: normalized };
}
