import { ConfigError } from '../../../errors/index.js';
import { assertTimeZone } from './zoned-time.js';

/**
 * How a voice agent says a slot's start: "Tuesday, March 3 at 9:30 AM" in en-US, the locale's own
 * wording elsewhere ("Dienstag, 3. März um 09:30" in de-DE). The year is left out because callers
 * book weeks ahead, not years. Narrow and no-break spaces become plain spaces, which text-to-speech
 * engines and tests handle more predictably.
 *
 * @throws ConfigError for an unknown time zone or locale.
 * @example describeSlot(slot, 'America/New_York') // 'Tuesday, March 3 at 9:30 AM'
 */
export function describeSlot(slot: { startsAt: Date }, timeZone: string, locale = 'en-US'): string {
  assertTimeZone(timeZone);
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
  } catch {
    throw new ConfigError('locale', `"${locale}" is not a BCP 47 language tag such as "en-US".`);
  }
  return formatter.format(slot.startsAt).replace(/[\u202f\u00a0]/g, ' ');
}
