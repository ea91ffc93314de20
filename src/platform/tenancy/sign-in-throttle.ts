/** How many wrong passwords an email may have in the window before sign-in pauses for it. */
const DEFAULT_MAX_FAILURES = 10;
const DEFAULT_WINDOW_MS = 15 * 60_000;
/** Emails remembered at most; the oldest entry goes first (guessing many emails costs memory). */
const MAX_TRACKED = 10_000;

interface Failures {
  count: number;
  firstAt: number;
}

/**
 * Slows password guessing: after `maxFailures` wrong passwords for one email within `windowMs`,
 * sign-in for that email is refused until the window has passed, even with the right password.
 * Kept in memory per process; scrypt's cost already makes each guess slow.
 */
export class SignInThrottle {
  readonly #maxFailures: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #failures = new Map<string, Failures>();

  constructor(options: { maxFailures?: number; windowMs?: number; now?: () => number } = {}) {
    this.#maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
    this.#windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.#now = options.now ?? Date.now;
  }

  /** Seconds until `email` may try again, or 0 when it may try now. */
  retryAfterSeconds(email: string): number {
    const entry = this.#current(email);
    if (entry === undefined || entry.count < this.#maxFailures) return 0;
    return Math.max(1, Math.ceil((entry.firstAt + this.#windowMs - this.#now()) / 1000));
  }

  failed(email: string): void {
    const key = normalise(email);
    const entry = this.#current(email);
    if (entry !== undefined) {
      entry.count += 1;
      return;
    }
    this.#failures.set(key, { count: 1, firstAt: this.#now() });
    if (this.#failures.size > MAX_TRACKED) {
      this.#failures.delete(this.#failures.keys().next().value as string);
    }
  }

  succeeded(email: string): void {
    this.#failures.delete(normalise(email));
  }

  #current(email: string): Failures | undefined {
    const key = normalise(email);
    const entry = this.#failures.get(key);
    if (entry !== undefined && this.#now() - entry.firstAt >= this.#windowMs) {
      this.#failures.delete(key);
      return undefined;
    }
    return entry;
  }
}

function normalise(email: string): string {
  return email.trim().toLowerCase();
}
