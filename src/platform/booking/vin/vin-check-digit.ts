/**
 * The North American VIN check digit (49 CFR 565, also used by many makers elsewhere): every
 * character is transliterated to a number, weighted by its position, and the sum modulo 11 is the
 * ninth character, with 10 written as 'X'.
 */

/** Characters a VIN may contain: digits and capital letters except I, O and Q. */
export const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

/** Number of characters in every VIN built since 1981. */
export const VIN_LENGTH = 17;

/** 1-based position of the check digit. */
export const CHECK_DIGIT_POSITION = 9;

// prettier-ignore
const transliteration: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
  '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9,
};

const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** True for a single character that may appear in a VIN (upper-case only). */
export function isVinCharacter(character: string): boolean {
  return character.length === 1 && transliteration[character] !== undefined;
}

/**
 * The check digit ('0'–'9' or 'X') that a 17-character VIN should carry at position 9, or
 * undefined when the text is not 17 VIN characters. The character at position 9 itself is ignored
 * (its weight is zero), so this works on a VIN with a wrong or placeholder check digit.
 *
 * @example computeVinCheckDigit('1M8GDM9AXKP042788') // 'X'
 */
export function computeVinCheckDigit(vin: string): string | undefined {
  if (vin.length !== VIN_LENGTH) return undefined;
  let sum = 0;
  for (let index = 0; index < VIN_LENGTH; index += 1) {
    const value = transliteration[vin.charAt(index)];
    if (value === undefined) return undefined;
    sum += value * (weights[index] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}
