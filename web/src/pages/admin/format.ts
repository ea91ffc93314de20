/** Formatting shared by the admin pages, in the browser's own locale. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** `12 May 2025, 14:03`, or a dash for a missing time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** A `YYYY-MM-DD` day as `May 12`; the day is a calendar date, so it is read in UTC. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatMinutes(value: number): string {
  return `${oneDecimal.format(value)} min`;
}

/** Latency in ms, or a dash on days without measured turns. */
export function formatLatency(value: number | null): string {
  return value === null ? '—' : `${integer.format(value)} ms`;
}

/**
 * A decimal money string from the API (text there so fractions of a cent do not drift). Costs are
 * estimates from list prices in US dollars (src/platform/calls/usage-prices.ts).
 */
export function formatCost(decimal: string): string {
  const value = Number(decimal);
  if (!Number.isFinite(value)) return decimal;
  const digits = value !== 0 && Math.abs(value) < 0.01 ? 4 : 2;
  return `$${value.toFixed(digits)}`;
}
