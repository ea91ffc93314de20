/** When failed deliveries are tried again. */
export interface RetrySchedule {
  /** Attempts in all, the first included; after the last failure the delivery is dead-lettered. */
  readonly maxAttempts: number;
  /** Delay after the first failure; each later one doubles it. */
  readonly baseDelayMs: number;
  /** No delay grows beyond this. */
  readonly maxDelayMs: number;
}

/**
 * The default: 15 attempts, 5 s doubling up to 6 h, about 18 hours in all, so an endpoint that is
 * down overnight still gets everything in the morning.
 */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  maxAttempts: 15,
  baseDelayMs: 5_000,
  maxDelayMs: 6 * 60 * 60 * 1000,
};

/**
 * The delay before attempt `failedAttempts + 1`: exponential, with "equal jitter" (half fixed,
 * half random) so endpoints that failed together do not all come back at the same instant, while
 * no retry is ever immediate. `undefined` when the attempts are used up.
 */
export function retryDelayMs(
  schedule: RetrySchedule,
  failedAttempts: number,
  random: () => number = Math.random,
): number | undefined {
  if (failedAttempts >= schedule.maxAttempts) return undefined;
  const exponential = Math.min(
    schedule.maxDelayMs,
    schedule.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1),
  );
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
