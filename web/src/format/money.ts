/**
 * An amount of US dollars given as an exact decimal string (the API's `cost` fields). Amounts
 * under a cent keep up to four decimals so a short call does not show as $0.00.
 *
 * @example formatMoney('0.012300') // "$0.0123"
 */
export function formatMoney(amount: string | number | null | undefined, currency = 'USD'): string {
  if (amount === null || amount === undefined || amount === '') return '–';
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  const small = value !== 0 && Math.abs(value) < 1;
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: small ? 4 : 2,
  }).format(value);
}
