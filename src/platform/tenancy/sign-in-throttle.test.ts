import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './sign-in-throttle.js';

describe('SignInThrottle', () => {
  it('pauses an email after the limit until its window has passed', () => {
    let now = 1_000_000;
    const throttle = new SignInThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(throttle.retryAfterSeconds('ada@example.com')).toBe(0);
      throttle.failed('Ada@Example.com ');
    }
    expect(throttle.retryAfterSeconds('ada@example.com')).toBe(60);
    expect(throttle.retryAfterSeconds('bob@example.com')).toBe(0);
    now += 30_000;
    expect(throttle.retryAfterSeconds('ada@example.com')).toBe(30);
    now += 30_000;
    expect(throttle.retryAfterSeconds('ada@example.com')).toBe(0);
  });

  it('forgets the failures of an email that signs in', () => {
    const throttle = new SignInThrottle({ maxFailures: 2 });
    throttle.failed('ada@example.com');
    throttle.succeeded('ada@example.com');
    throttle.failed('ada@example.com');
    expect(throttle.retryAfterSeconds('ada@example.com')).toBe(0);
  });
});
