import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Collapses every run of whitespace (newlines included) to one space: for subjects and cells. */
export function toOneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts text longer than `limit` characters, marking the cut with an ellipsis. */
export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}

/** `+14155550123` → `+1 415 555 0123`; anything that is not a phone number comes back as given. */
export function formatPhoneNumber(value: string): string {
  const parsed = /^\+?[\d\s().-]{6,}$/.test(value) ? parsePhoneNumberFromString(value) : undefined;
  return parsed?.formatInternational() ?? value;
}

/** 134 000 → `2m 14s`; 3 725 000 → `1h 02m`; null → undefined. */
export function formatDuration(durationMs: number | null): string | undefined {
  if (durationMs === null || !Number.isFinite(durationMs) || durationMs < 0) return undefined;
  const totalSeconds = Math.round(durationMs / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone });
  } catch {
    // An unknown zone must not cost the whole email; UTC is labelled as such in the output.
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
  }
}

/** An ISO instant shown in the organisation's zone, `Tue, Jan 14, 2025, 2:03 PM PST`. */
export function formatDateTime(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  // ICU versions differ on the space before AM/PM (U+202F or a plain space); pin it down.
  return dateTimeFormat(timeZone)
    .format(instant)
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** `preferredDate`, `preferred_date`, `preferred-date` → `Preferred date`; `vehicleVIN` → `Vehicle VIN`. */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_\-.\s]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()));
  const sentence = words.join(' ');
  return sentence === '' ? key : sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Compact JSON for objects and arrays, with a fallback for values JSON cannot hold. */
function compactJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** An extracted field's value as one readable line. */
export function formatFieldValue(value: unknown): string {
  if (value === null || value === undefined) return 'Not provided';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value.trim() === '' ? '(empty)' : truncate(value, 500);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return truncate(compactJson(value), 500);
}
