export { validateVin, normalizeVin, findVinFormatProblem } from './validate-vin.js';
export type { VinValidation } from './validate-vin.js';
export { decodeVin } from './decode-vin.js';
export type { VinDecoding, DecodeVinOptions } from './decode-vin.js';
export { vinDecodingJsonSchema } from './vin-decoding-json-schema.js';
export {
  computeVinCheckDigit,
  isVinCharacter,
  VIN_ALPHABET,
  VIN_LENGTH,
  CHECK_DIGIT_POSITION,
} from './vin-check-digit.js';
export { lookUpVinCountry } from './vin-country.js';
export type { VinRegion } from './vin-country.js';
export { lookUpManufacturer, listKnownWmis } from './vin-manufacturers.js';
export { decodeModelYear } from './vin-model-year.js';
export type { ModelYearOptions } from './vin-model-year.js';
