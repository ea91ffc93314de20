import { zonedTimeToUtc } from '../slots/index.js';
import { ToolArgumentError } from './tool-arguments.js';

const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const localTime = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:00)?$/;

/**
 * Reads a start time as a model writes it: ISO 8601 with an offset or `Z`
 * ('2026-03-03T09:30:00-05:00'), or local wall time without one ('2026-03-03T09:30'), which is
 * read in the organisation's time zone.
 *
 * @throws ToolArgumentError naming `name` and the accepted forms.
 */
export function parseStartTime(text: string, timeZone: string, name = 'startsAt'): Date {
  const trimmed = text.trim();
  if (withOffset.test(trimmed)) {
    const instant = new Date(trimmed);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  const local = localTime.exec(trimmed);
  if (local !== null) {
    let instant: Date | undefined;
    try {
      instant = zonedTimeToUtc(local[1] ?? '', local[2] ?? '', timeZone);
    } catch (_error) {
      instant = undefined;
    }
    if (instant !== undefined) return instant;
    throw new ToolArgumentError(
      `${name} ${JSON.stringify(text)} does not exist in ${timeZone} (a date that is not real, or clocks jump past it); choose another time.`,
    );
  }
  throw new ToolArgumentError(
    `${name} must be a date and time such as "2026-03-03T09:30" (local time) or "2026-03-03T09:30:00-05:00"; got ${JSON.stringify(text)}.`,
  );
}
