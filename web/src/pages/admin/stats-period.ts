/**
 * The range of the overview: the last `days` calendar days, today included, counted in the
 * organisation's time zone (the API buckets days at its midnight), up to now.
 */
export function periodRange(
  days: number,
  timeZone: string,
  now = new Date(),
): { from: string; to: string } {
  const todayParts = wallClock(now, timeZone);
  const midnightAsUtc = Date.UTC(
    todayParts.year,
    todayParts.month - 1,
    todayParts.day - (days - 1),
  );
  // The zone's offset at that midnight may differ from today's (daylight saving): measure it there.
  let from = midnightAsUtc - offsetMs(new Date(midnightAsUtc), timeZone);
  from = midnightAsUtc - offsetMs(new Date(from), timeZone);
  return { from: new Date(from).toISOString(), to: now.toISOString() };
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallClock(date: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const read = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: read('year'),
    month: read('month'),
    day: read('day'),
    hour: read('hour'),
    minute: read('minute'),
    second: read('second'),
  };
}

/** How far the zone's wall clock is ahead of UTC at `date`, in milliseconds. */
function offsetMs(date: Date, timeZone: string): number {
  const clock = wallClock(date, timeZone);
  const wallAsUtc = Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
  );
  return wallAsUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** A time zone the browser knows, else the browser's own (an unknown name would throw later). */
export function usableTimeZone(candidate: string | undefined): string {
  const fallback = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (candidate === undefined || candidate === '') return fallback;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: candidate });
    return candidate;
  } catch {
    return fallback;
  }
}
