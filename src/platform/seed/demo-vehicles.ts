import {
  computeVinCheckDigit,
  listKnownWmis,
  lookUpManufacturer,
  lookUpVinCountry,
  VIN_ALPHABET,
} from '../booking/vin/index.js';
import type { SeededRandom } from './seeded-random.js';

// Models by make as the decode table names the make; the weight says how common the make is.
// prettier-ignore
const modelsByMake: Readonly<Record<string, { weight: number; models: readonly string[] }>> = {
  Ford: { weight: 4, models: ['F-150', 'Escape', 'Explorer', 'Mustang', 'Edge', 'Ranger', 'Bronco Sport'] },
  Chevrolet: { weight: 4, models: ['Silverado 1500', 'Equinox', 'Malibu', 'Tahoe', 'Traverse', 'Colorado'] },
  Toyota: { weight: 4, models: ['Camry', 'Corolla', 'RAV4', 'Tacoma', 'Highlander', 'Tundra', 'Sienna'] },
  Honda: { weight: 3, models: ['Civic', 'Accord', 'CR-V', 'Pilot', 'Odyssey', 'HR-V'] },
  Nissan: { weight: 2, models: ['Altima', 'Rogue', 'Sentra', 'Pathfinder', 'Frontier'] },
  Hyundai: { weight: 2, models: ['Elantra', 'Sonata', 'Tucson', 'Santa Fe', 'Palisade'] },
  Kia: { weight: 2, models: ['Forte', 'Sorento', 'Sportage', 'Telluride', 'Soul'] },
  Subaru: { weight: 2, models: ['Outback', 'Forester', 'Crosstrek', 'Impreza', 'Ascent'] },
  GMC: { weight: 1, models: ['Sierra 1500', 'Acadia', 'Terrain', 'Yukon'] },
  Jeep: { weight: 1, models: ['Wrangler', 'Grand Cherokee', 'Cherokee', 'Compass'] },
  Mazda: { weight: 1, models: ['CX-5', 'Mazda3', 'CX-30', 'CX-9'] },
  Volkswagen: { weight: 1, models: ['Jetta', 'Tiguan', 'Atlas', 'Golf'] },
  BMW: { weight: 1, models: ['3 Series', 'X3', 'X5', '5 Series'] },
  Tesla: { weight: 1, models: ['Model 3', 'Model Y', 'Model S'] },
};

/** Position-10 codes from 1980 (A) to 2009 (9); the cycle repeats from 2010. */
const yearCodes = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const digits = '0123456789';

/** A generated vehicle; its VIN passes validateVin and decodes to `make` and `modelYear`. */
export interface DemoVehicle {
  readonly vin: string;
  readonly make: string;
  readonly model: string;
  readonly modelYear: number;
  readonly mileage: number;
}

let cachedWmis: ReadonlyMap<string, string[]> | undefined;

/** The decode table's WMIs of the makes above, by make. */
function wmisByMake(): ReadonlyMap<string, string[]> {
  if (cachedWmis !== undefined) return cachedWmis;
  const grouped = new Map<string, string[]>();
  for (const wmi of listKnownWmis()) {
    const make = lookUpManufacturer(wmi).manufacturer;
    if (make === undefined || modelsByMake[make] === undefined) continue;
    grouped.set(make, [...(grouped.get(make) ?? []), wmi]);
  }
  cachedWmis = grouped;
  return grouped;
}

const regionByWmi = new Map<string, boolean>();

function isNorthAmerican(wmi: string): boolean {
  let northAmerican = regionByWmi.get(wmi);
  if (northAmerican === undefined) {
    northAmerican = lookUpVinCountry(wmi).region === 'North America';
    regionByWmi.set(wmi, northAmerican);
  }
  return northAmerican;
}

/**
 * Creates a generator of demo vehicles whose VINs never repeat. Each VIN is built to pass
 * validateVin (the check digit is computed) and to decode (decodeVin at `now`) to its make and
 * model year: the WMI comes from the decode table, position 10 is the year code, and position 7
 * follows the North American cycle rule.
 */
export function createDemoVehicleGenerator(random: SeededRandom, now: Date): () => DemoVehicle {
  const wmis = wmisByMake();
  const makes = Object.keys(modelsByMake).filter((make) => wmis.has(make));
  const weights = makes.map((make) => modelsByMake[make]?.weight ?? 1);
  const currentYear = now.getUTCFullYear();
  const seen = new Set<string>();
  const character = (alphabet: string): string =>
    alphabet.charAt(random.integer(0, alphabet.length - 1));
  return () => {
    for (;;) {
      const make = random.weighted(makes, weights);
      const wmi = random.pick(wmis.get(make) ?? []);
      // Newer cars are more common in a service lane; nothing later than next year's models.
      const age = Math.floor(-Math.log(1 - random.next()) * 5) % 16;
      const modelYear = Math.min(currentYear + 1, currentYear - age + (random.chance(0.1) ? 1 : 0));
      const northAmerican = isNorthAmerican(wmi);
      // For North American vehicles position 7 says the cycle: a letter from 2010, a digit before.
      const positionSeven = northAmerican
        ? character(modelYear >= 2010 ? VIN_ALPHABET.slice(10) : digits.slice(1))
        : character(VIN_ALPHABET);
      const draft =
        wmi +
        character(VIN_ALPHABET) +
        character(VIN_ALPHABET) +
        character(VIN_ALPHABET) +
        positionSeven +
        character(VIN_ALPHABET) +
        '0' +
        yearCodes.charAt((modelYear - 1980) % 30) +
        character(VIN_ALPHABET) +
        Array.from({ length: 6 }, () => character(digits)).join('');
      const vin = `${draft.slice(0, 8)}${computeVinCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
      if (seen.has(vin)) continue;
      seen.add(vin);
      const yearsOld = Math.max(0, currentYear - modelYear);
      const mileage = Math.max(
        5,
        Math.round(yearsOld * random.integer(8_000, 15_000) + random.integer(50, 6_000)),
      );
      return {
        vin,
        make,
        model: random.pick(modelsByMake[make]?.models ?? ['']),
        modelYear,
        mileage,
      };
    }
  };
}
