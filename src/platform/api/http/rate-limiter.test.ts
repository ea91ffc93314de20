import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../errors/index.js';
import { createExampleApp } from './example-widget-routes.fixture.js';
import { createRateLimiter, rateLimitHeaders } from './rate-limiter.js';

function createClock(start = 1_000_000): {
  now: () => number;
  advance: (milliseconds: number) => void;
} {
  let time = start;
  return { now: () => time, advance: (milliseconds) => (time += milliseconds) };
}

describe('createRateLimiter', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    const clock = createClock();
    const limiter = createRateLimiter({ requestsPerMinute: 60, burst: 3, now: clock.now });
    expect([1, 2, 3].map(() => limiter.consume('key_a').remaining)).toEqual([2, 1, 0]);
    const refused = limiter.consume('key_a');
    expect(refused).toMatchObject({
      allowed: false,
      limit: 3,
      remaining: 0,
      retryAfterSeconds: 1,
      resetSeconds: 3,
    });
    clock.advance(1_000);
    expect(limiter.consume('key_a')).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.consume('key_b').allowed).toBe(true);
  });

  it('computes the wait for slow rates', () => {
    const clock = createClock();
    const limiter = createRateLimiter({ requestsPerMinute: 2, burst: 1, now: clock.now });
    expect(limiter.consume('key').allowed).toBe(true);
    expect(limiter.consume('key')).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
    clock.advance(29_000);
    expect(limiter.consume('key')).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });

  it('drops idle buckets and never holds more than maxKeys', () => {
    const clock = createClock();
    const limiter = createRateLimiter({
      requestsPerMinute: 60,
      burst: 2,
      maxKeys: 3,
      now: clock.now,
    });
    for (const key of ['a', 'b', 'c', 'd', 'e']) limiter.consume(key);
    expect(limiter.size).toBe(3);
    clock.advance(2_000);
    limiter.consume('f');
    expect(limiter.size).toBe(1);
  });

  it('refuses settings that make no sense', () => {
    expect(() => createRateLimiter({ requestsPerMinute: 0 })).toThrow(ConfigError);
    expect(() => createRateLimiter({ requestsPerMinute: 10, burst: 0.5 })).toThrow(ConfigError);
    expect(() => createRateLimiter({ requestsPerMinute: 10, maxKeys: 0 })).toThrow(ConfigError);
  });

  it('names the draft headers', () => {
    const headers = rateLimitHeaders({
      allowed: false,
      limit: 5,
      remaining: 0,
      resetSeconds: 12,
      retryAfterSeconds: 3,
    });
    expect(headers).toEqual({
      'ratelimit-limit': '5',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '12',
      'retry-after': '3',
    });
  });
});

describe('rate limits on mounted routes', () => {
  it('sends RateLimit headers and a 429 problem per key', async () => {
    const clock = createClock();
    const app = createExampleApp({
      rateLimiter: createRateLimiter({ requestsPerMinute: 120, burst: 2, now: clock.now }),
    });
    const request = (key: string) =>
      app.request('/v1/widgets', { headers: { authorization: `Bearer ${key}` } });

    const first = await request('sk_read_acme');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect(first.headers.get('ratelimit-reset')).toBe('1');
    await request('sk_read_acme');

    const refused = await request('sk_read_acme');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toMatchObject({ code: 'rate_limited', status: 429 });

    expect((await request('sk_read_other')).status).toBe(200);
    clock.advance(500);
    expect((await request('sk_read_acme')).status).toBe(200);
    // Errors after the limiter still carry the headers.
    const invalid = await app.request('/v1/widgets?limit=0', {
      headers: { authorization: 'Bearer sk_read_other' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('ratelimit-remaining')).toBe('1');
    // Public routes and rejected keys are not counted.
    expect((await app.request('/v1/ping')).headers.get('ratelimit-limit')).toBeNull();
  });
});
