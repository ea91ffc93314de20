/**
 * A call's length as a clock: `0:42`, `12:05`, `1:02:03`. Null or negative → an en dash.
 *
 * @example formatDuration(65_000) // "1:05"
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '–';
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** A playback position with tenths hidden: seconds → `1:05`. */
export function formatClock(seconds: number): string {
  return formatDuration(Math.max(0, seconds) * 1000);
}

/**
 * A latency or short span: `820 ms` below ten seconds, else `12.4 s`. Null → an en dash.
 *
 * @example formatMilliseconds(956.83) // "957 ms"
 */
export function formatMilliseconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (Math.abs(ms) < 10_000) return `${Math.round(ms).toLocaleString()} ms`;
  return `${(ms / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 })} s`;
}
