/** Opaque handle returned by `Clock.setTimeout`. */
export type TimerHandle = { readonly __timer: unique symbol } | object;

/**
 * Time as the engine sees it. Production uses the real clock; unit tests drive a manual one so
 * turn-taking can be tested without sleeping.
 */
export interface Clock {
  /** Monotonic milliseconds (arbitrary origin). */
  now(): number;
  /** Wall-clock milliseconds since the epoch, for event timestamps. */
  wallNow(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** The process clock: `performance.now()` for intervals, `Date.now()` for timestamps. */
export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  setTimeout: (callback, delayMs) => {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => {
    if (handle !== undefined) clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
