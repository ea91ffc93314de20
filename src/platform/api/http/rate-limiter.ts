import { ConfigError } from '../../../errors/index.js';

/** The outcome of one request against its key's bucket. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Bucket size: how many requests may be made back to back from full. */
  readonly limit: number;
  /** Whole requests left right now. */
  readonly remaining: number;
  /** Seconds until the bucket is full again. */
  readonly resetSeconds: number;
  /** Seconds until the next request would be allowed; 0 when allowed. */
  readonly retryAfterSeconds: number;
}

/** A token bucket per key (an API key id). */
export interface RateLimiter {
  /** Takes one token for `key` if there is one. */
  consume(key: string): RateLimitDecision;
  /** Buckets held in memory, for tests and metrics. */
  readonly size: number;
}

/** Settings of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Sustained rate: tokens added per minute. */
  readonly requestsPerMinute: number;
  /** Bucket size; defaults to `requestsPerMinute`. */
  readonly burst?: number;
  /** Clock in milliseconds; tests inject one. */
  readonly now?: () => number;
  /** Most buckets kept; past it the least recently used goes (it forgives that key). Default 10,000. */
  readonly maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token-bucket rate limiting per key. Memory stays bounded: a bucket left alone long enough to
 * refill completely is the same as no bucket, so it is dropped, and at most `maxKeys` are kept.
 *
 * @example
 * const limiter = createRateLimiter({ requestsPerMinute: 600, burst: 60 });
 * mountRoutes(app, routes, { authenticate, rateLimiter: limiter });
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { requestsPerMinute } = options;
  const capacity = options.burst ?? requestsPerMinute;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  if (!Number.isFinite(requestsPerMinute) || requestsPerMinute <= 0) {
    throw new ConfigError(
      'requestsPerMinute',
      `must be a positive number, got ${requestsPerMinute}`,
    );
  }
  if (!Number.isFinite(capacity) || capacity < 1)
    throw new ConfigError('burst', `must be at least 1, got ${capacity}`);
  if (!Number.isInteger(maxKeys) || maxKeys < 1)
    throw new ConfigError('maxKeys', `must be a positive integer, got ${maxKeys}`);

  const tokensPerMs = requestsPerMinute / 60_000;
  const fullRefillMs = capacity / tokensPerMs;
  // Map order is least recently used first: every touch deletes and re-inserts.
  const buckets = new Map<string, Bucket>();

  const evict = (at: number): void => {
    for (const [key, bucket] of buckets) {
      if (at - bucket.updatedAt < fullRefillMs && buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  };

  return {
    consume(key) {
      const at = now();
      const previous = buckets.get(key);
      buckets.delete(key);
      evict(at);
      const elapsed = previous === undefined ? 0 : Math.max(0, at - previous.updatedAt);
      const bucket: Bucket = {
        tokens:
          previous === undefined
            ? capacity
            : Math.min(capacity, previous.tokens + elapsed * tokensPerMs),
        updatedAt: at,
      };
      // The epsilon absorbs float drift, so a bucket refilled for exactly one token has one.
      const allowed = bucket.tokens >= 1 - 1e-9;
      if (allowed) bucket.tokens = Math.max(0, bucket.tokens - 1);
      buckets.set(key, bucket);
      return {
        allowed,
        limit: Math.floor(capacity),
        remaining: Math.floor(bucket.tokens),
        resetSeconds: Math.ceil((capacity - bucket.tokens) / tokensPerMs / 1000),
        retryAfterSeconds: allowed
          ? 0
          : Math.max(1, Math.ceil((1 - bucket.tokens) / tokensPerMs / 1000)),
      };
    },
    get size() {
      return buckets.size;
    },
  };
}

/** The `RateLimit-*` headers for a decision (IETF draft names), plus `Retry-After` when refused. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
    ...(decision.allowed ? {} : { 'retry-after': String(decision.retryAfterSeconds) }),
  };
}
