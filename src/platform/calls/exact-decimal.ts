/**
 * Money and usage as exact decimals: values are bigints scaled by 10^12, so prices per token
 * (fractions of a cent) multiply without the rounding drift of binary floats.
 */
const SCALE_DIGITS = 12;
const SCALE = 10n ** BigInt(SCALE_DIGITS);

/** `'0.00000015'` → scaled bigint. Throws on anything that is not a plain decimal. */
export function parseDecimal(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null) throw new Error(`${JSON.stringify(text)} is not a decimal number`);
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > SCALE_DIGITS)
    throw new Error(`${text} has more than ${SCALE_DIGITS} decimal places`);
  const value = BigInt(whole) * SCALE + BigInt(fraction.padEnd(SCALE_DIGITS, '0'));
  return sign === '-' ? -value : value;
}

/** Scaled value × a count of whole units (tokens, characters). */
export function multiplyByCount(scaled: bigint, count: number): bigint {
  return scaled * BigInt(Math.round(count));
}

/** Scaled price per unit × a decimal quantity given in thousandths (e.g. seconds with ms). */
export function multiplyByThousandths(scaled: bigint, thousandths: number): bigint {
  return (scaled * BigInt(Math.round(thousandths))) / 1000n;
}

/** Renders with `places` decimals, rounding half away from zero. */
export function formatDecimal(scaled: bigint, places = 6): string {
  const negative = scaled < 0n;
  const magnitude = negative ? -scaled : scaled;
  const divisor = 10n ** BigInt(SCALE_DIGITS - places);
  const rounded = (magnitude + divisor / 2n) / divisor;
  const text = rounded.toString().padStart(places + 1, '0');
  const result = places === 0 ? text : `${text.slice(0, -places)}.${text.slice(-places)}`;
  return negative && rounded !== 0n ? `-${result}` : result;
}
