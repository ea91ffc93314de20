/**
 * Where a vehicle was built, from the first two VIN characters (ISO 3780 ranges as assigned by
 * SAE). Only the commonly seen ranges are listed; the region is known for every first character.
 */

/** Continent-level region of manufacture. */
export type VinRegion =
  'Africa' | 'Asia' | 'Europe' | 'North America' | 'Oceania' | 'South America';

/** Order of the second character within a range: letters A–Z (no I, O, Q), then 1–9, then 0. */
const rangeOrder = 'ABCDEFGHJKLMNPRSTUVWXYZ1234567890';

interface CountryRange {
  readonly first: string;
  /** Inclusive range of the second character, in {@link rangeOrder}. */
  readonly from: string;
  readonly to: string;
  readonly country: string;
  /** Set where the range breaks the first character's usual region. */
  readonly region?: VinRegion;
}

// prettier-ignore
const countryRanges: readonly CountryRange[] = [
  { first: '1', from: 'A', to: '0', country: 'United States' },
  { first: '4', from: 'A', to: '0', country: 'United States' },
  { first: '5', from: 'A', to: '0', country: 'United States' },
  { first: '2', from: 'A', to: '0', country: 'Canada' },
  { first: '3', from: 'A', to: 'W', country: 'Mexico' },
  { first: '6', from: 'A', to: 'W', country: 'Australia' },
  { first: '7', from: 'A', to: 'E', country: 'New Zealand' },
  // Assigned to the United States once the 1, 4 and 5 ranges filled up (Tesla, Rivian, Volvo).
  { first: '7', from: 'F', to: '0', country: 'United States', region: 'North America' },
  { first: '8', from: 'A', to: 'E', country: 'Argentina' },
  { first: '8', from: 'F', to: 'J', country: 'Chile' },
  { first: '8', from: 'L', to: 'R', country: 'Ecuador' },
  { first: '8', from: 'S', to: 'W', country: 'Peru' },
  { first: '8', from: 'X', to: '2', country: 'Venezuela' },
  { first: '9', from: 'A', to: 'E', country: 'Brazil' },
  { first: '9', from: 'F', to: 'J', country: 'Colombia' },
  { first: '9', from: 'S', to: 'W', country: 'Uruguay' },
  { first: '9', from: '3', to: '9', country: 'Brazil' },
  { first: 'A', from: 'A', to: 'H', country: 'South Africa' },
  { first: 'J', from: 'A', to: '0', country: 'Japan' },
  { first: 'K', from: 'F', to: 'K', country: 'Israel' },
  { first: 'K', from: 'L', to: 'R', country: 'South Korea' },
  { first: 'L', from: 'A', to: '0', country: 'China' },
  { first: 'M', from: 'A', to: 'E', country: 'India' },
  { first: 'M', from: 'F', to: 'K', country: 'Indonesia' },
  { first: 'M', from: 'L', to: 'R', country: 'Thailand' },
  { first: 'N', from: 'L', to: 'R', country: 'Turkey' },
  { first: 'P', from: 'A', to: 'E', country: 'Philippines' },
  { first: 'P', from: 'L', to: 'R', country: 'Malaysia' },
  { first: 'R', from: 'F', to: 'K', country: 'Taiwan' },
  { first: 'S', from: 'A', to: 'M', country: 'United Kingdom' },
  { first: 'S', from: 'N', to: 'T', country: 'Germany' },
  { first: 'S', from: 'U', to: 'Z', country: 'Poland' },
  { first: 'T', from: 'A', to: 'H', country: 'Switzerland' },
  { first: 'T', from: 'J', to: 'P', country: 'Czech Republic' },
  { first: 'T', from: 'R', to: 'V', country: 'Hungary' },
  { first: 'U', from: 'U', to: 'U', country: 'Romania' },
  { first: 'U', from: '5', to: '7', country: 'Slovakia' },
  { first: 'V', from: 'A', to: 'E', country: 'Austria' },
  { first: 'V', from: 'F', to: 'R', country: 'France' },
  { first: 'V', from: 'S', to: 'W', country: 'Spain' },
  { first: 'W', from: 'A', to: '0', country: 'Germany' },
  { first: 'X', from: 'L', to: 'R', country: 'Netherlands' },
  { first: 'X', from: '3', to: '0', country: 'Russia' },
  { first: 'Y', from: 'A', to: 'E', country: 'Belgium' },
  { first: 'Y', from: 'F', to: 'K', country: 'Finland' },
  { first: 'Y', from: 'S', to: 'W', country: 'Sweden' },
  { first: 'Z', from: 'A', to: 'R', country: 'Italy' },
];

/** Region by first character: A–H Africa, J–R Asia, S–Z Europe, 1–5, 6–7, 8–9. */
function regionOfFirstCharacter(first: string): VinRegion | undefined {
  if (first >= 'A' && first <= 'H') return 'Africa';
  if (first >= 'J' && first <= 'R') return 'Asia';
  if (first >= 'S' && first <= 'Z') return 'Europe';
  if (first >= '1' && first <= '5') return 'North America';
  if (first === '6' || first === '7') return 'Oceania';
  if (first === '8' || first === '9') return 'South America';
  return undefined;
}

/**
 * Country and region of manufacture from a VIN's first two characters. Either may be undefined
 * for unassigned or rarely seen codes.
 */
export function lookUpVinCountry(vin: string): { country?: string; region?: VinRegion } {
  const first = vin.charAt(0);
  const second = rangeOrder.indexOf(vin.charAt(1));
  const range = countryRanges.find(
    (candidate) =>
      candidate.first === first &&
      second >= rangeOrder.indexOf(candidate.from) &&
      second <= rangeOrder.indexOf(candidate.to),
  );
  const region = range?.region ?? regionOfFirstCharacter(first);
  return {
    ...(range === undefined ? {} : { country: range.country }),
    ...(region === undefined ? {} : { region }),
  };
}
