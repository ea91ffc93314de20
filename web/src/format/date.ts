const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const fullDateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

function parse(iso: string | null | undefined): Date | null {
  if (iso === null || iso === undefined) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An instant in the browser's locale and time zone, to the minute: "12 Mar 2026, 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date === null ? '–' : dateTimeFormat.format(date);
}

/** An instant to the second, for detail pages. */
export function formatFullDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date === null ? '–' : fullDateTimeFormat.format(date);
}

/** The time of day of an instant: "14:05:09". */
export function formatTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date === null ? '–' : timeFormat.format(date);
}

/** The `YYYY-MM-DD` of a local day, as `<input type="date">` uses. */
export function toDateInputValue(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/**
 * The instant a local day starts (`offsetDays` 1: the next day's start), as ISO 8601, or
 * undefined for an empty or malformed `YYYY-MM-DD`.
 */
export function startOfLocalDay(value: string | null, offsetDays = 0): string | undefined {
  const match = value === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + offsetDays);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
