import { computeVinCheckDigit } from './vin-check-digit.js';
import type { VinRegion } from './vin-country.js';
import { lookUpVinCountry } from './vin-country.js';
import { lookUpManufacturer } from './vin-manufacturers.js';
import { decodeModelYear } from './vin-model-year.js';
import { findVinFormatProblem, normalizeVin, validateVin } from './validate-vin.js';

/**
 * What a VIN says about a vehicle, as plain JSON-safe data (no Dates, no classes, absent fields
 * left out rather than set to undefined). {@link vinDecodingJsonSchema} describes it.
 */
export interface VinDecoding {
  /** The VIN after trimming and upper-casing. */
  vin: string;
  /** True when the VIN passes {@link validateVin}, check digit included. */
  valid: boolean;
  /** Why the VIN is not valid, as an English sentence; present only when `valid` is false. */
  reason?: string;
  manufacturer?: string;
  country?: string;
  region?: VinRegion;
  modelYear?: number;
  /** Position 11; empty when the VIN does not have 17 characters. */
  plantCode: string;
  /** Positions 12–17; empty when the VIN does not have 17 characters. */
  serialNumber: string;
  checkDigitValid: boolean;
}

/** Options for {@link decodeVin}. */
export interface DecodeVinOptions {
  /** The current time, for choosing among model years 30 years apart. Defaults to now. */
  now?: Date;
}

/**
 * Decodes a VIN offline: manufacturer from the WMI (positions 1–3), country and region from
 * positions 1–2, model year from position 10, plant (11) and serial number (12–17). Never throws.
 * A VIN with a wrong check digit (common outside North America) or an unknown WMI still decodes
 * whatever it can; only a VIN without 17 characters yields no positional fields.
 *
 * @example decodeVin('1HGCM82633A004352').modelYear // 2003
 */
export function decodeVin(vin: string, options: DecodeVinOptions = {}): VinDecoding {
  const normalized = typeof vin === 'string' ? normalizeVin(vin) : '';
  const validation = validateVin(normalized);
  const base = {
    vin: normalized,
    valid: validation.valid,
    ...(validation.valid ? {} : { reason: validation.reason }),
  };
  if (normalized.length !== 17) {
    return { ...base, plantCode: '', serialNumber: '', checkDigitValid: false };
  }

  const location = lookUpVinCountry(normalized);
  const make = lookUpManufacturer(normalized.slice(0, 3));
  const country = make.country ?? location.country;
  const modelYear = decodeModelYear(normalized, {
    ...(options.now === undefined ? {} : { now: options.now }),
    usePositionSeven: location.region === 'North America',
  });
  const checkDigitValid =
    findVinFormatProblem(normalized) === undefined &&
    computeVinCheckDigit(normalized) === normalized.charAt(8);

  return {
    ...base,
    ...(make.manufacturer === undefined ? {} : { manufacturer: make.manufacturer }),
    ...(country === undefined ? {} : { country }),
    ...(location.region === undefined ? {} : { region: location.region }),
    ...(modelYear === undefined ? {} : { modelYear }),
    plantCode: normalized.charAt(10),
    serialNumber: normalized.slice(11),
    checkDigitValid,
  };
}
