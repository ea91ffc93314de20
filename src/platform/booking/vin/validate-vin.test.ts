import { describe, expect, it } from 'vitest';
import { computeVinCheckDigit, isVinCharacter } from './vin-check-digit.js';
import { validateVin } from './validate-vin.js';

// Check digits below were computed independently of this module (a separate script).
describe('computeVinCheckDigit', () => {
  it('matches published valid VINs', () => {
    expect(computeVinCheckDigit('1HGCM82633A004352')).toBe('3');
    expect(computeVinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(computeVinCheckDigit('11111111111111111')).toBe('1');
  });

  it('ignores the character at position 9', () => {
    expect(computeVinCheckDigit('1M8GDM9A0KP042788')).toBe('X');
  });

  it('returns undefined for text that is not 17 VIN characters', () => {
    expect(computeVinCheckDigit('1HGCM82633A00435')).toBeUndefined();
    expect(computeVinCheckDigit('1HGCM82633A00435O')).toBeUndefined();
  });

  it('knows which characters a VIN may contain', () => {
    expect(isVinCharacter('A')).toBe(true);
    expect(isVinCharacter('0')).toBe(true);
    expect(['I', 'O', 'Q', 'a', '-', '', 'AB'].map(isVinCharacter)).toEqual(Array(7).fill(false));
  });
});

describe('validateVin', () => {
  it.each([
    '1HGCM82633A004352',
    '1M8GDM9AXKP042788',
    '5YJ3E1EA2KF317000',
    '4T1BF1FK2CU000001',
    '1FTFW1ET9DF000001',
    '2T1BURHEXJC000001',
  ])('accepts %s', (vin) => {
    expect(validateVin(vin)).toEqual({ valid: true, vin });
  });

  it('trims and upper-cases before checking', () => {
    expect(validateVin('  1hgcm82633a004352\n')).toEqual({ valid: true, vin: '1HGCM82633A004352' });
  });

  it('rejects an empty VIN', () => {
    expect(validateVin('   ')).toEqual({ valid: false, reason: 'The VIN is empty.' });
  });

  it('names the length when it is not 17', () => {
    expect(validateVin('1HGCM82633A00435')).toEqual({
      valid: false,
      reason: 'A VIN has exactly 17 characters, but this one has 16.',
    });
    expect(validateVin('1HGCM82633A0043521')).toMatchObject({ valid: false });
  });

  it('names the position of a forbidden letter', () => {
    const result = validateVin('1HGCM82633AO04352');
    expect(result.valid).toBe(false);
    if (!result.valid) {
      expect(result.reason).toMatch(/^Position 12 is the letter O, which never appears in a VIN/);
    }
  });

  it('names the position of a character that is not a letter or digit', () => {
    expect(validateVin('1HGCM-2633A004352')).toEqual({
      valid: false,
      reason: 'Position 6 is "-", but a VIN contains only letters and digits.',
    });
  });

  it('names the expected and the found check digit', () => {
    const result = validateVin('1HGCM82643A004352');
    expect(result.valid).toBe(false);
    if (!result.valid) {
      expect(result.reason).toContain('position 9 is 4, but the other characters require 3');
    }
  });

  it('rejects a European VIN with a filler instead of a check digit', () => {
    expect(validateVin('WVWZZZ1JZXW000001').valid).toBe(false);
  });

  it('does not throw on a value that is not a string', () => {
    expect(validateVin(42 as unknown as string)).toEqual({
      valid: false,
      reason: 'The VIN must be text.',
    });
  });
});
