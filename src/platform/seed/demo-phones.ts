import { SwitchboardError } from '../../errors/index.js';
import { toE164 } from '../numbers/phone-numbers.js';
import type { SeededRandom } from './seeded-random.js';

let cachedAreaCodes: number[] | undefined;

/**
 * US area codes for which libphonenumber accepts 555-01XX numbers. Those 100 lines per area code
 * are reserved for fiction, so demo data never holds a real person's number.
 */
function fictionalAreaCodes(): number[] {
  if (cachedAreaCodes !== undefined) return cachedAreaCodes;
  const codes: number[] = [];
  for (let areaCode = 201; areaCode <= 989; areaCode += 1) {
    try {
      toE164(`+1${areaCode}5550100`);
      codes.push(areaCode);
    } catch (_error) {
      // Not an assigned area code; skip it.
    }
  }
  cachedAreaCodes = codes;
  return codes;
}

/** How many distinct demo phone numbers exist (about 45,000). */
export function demoPhoneCapacity(): number {
  return fictionalAreaCodes().length * 100;
}

/**
 * `count` distinct E.164 numbers of the form +1 AAA 555 01XX, all accepted by toE164.
 *
 * @throws SwitchboardError when more are asked for than exist.
 */
export function pickDemoPhones(random: SeededRandom, count: number): string[] {
  const areaCodes = fictionalAreaCodes();
  const capacity = areaCodes.length * 100;
  if (count > capacity) {
    throw new SwitchboardError(
      `At most ${capacity} demo customers can have distinct fictional phone numbers; asked for ${count}.`,
      {
        code: 'seed_too_large',
      },
    );
  }
  const taken = new Set<number>();
  const phones: string[] = [];
  // Drawing without replacement by retrying stays fast while under about half the capacity;
  // past that, walk forward to the next free number instead.
  while (phones.length < count) {
    let index = random.integer(0, capacity - 1);
    while (taken.has(index)) index = (index + 1) % capacity;
    taken.add(index);
    const areaCode = areaCodes[Math.floor(index / 100)] ?? 415;
    phones.push(`+1${areaCode}55501${String(index % 100).padStart(2, '0')}`);
  }
  return phones;
}
