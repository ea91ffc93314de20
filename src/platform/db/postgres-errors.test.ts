import { describe, expect, it } from 'vitest';
import { isDeadlock, retryOnDeadlock } from './postgres-errors.js';

describe('retryOnDeadlock', () => {
  it('runs the work again after a deadlock, and gives up after the last attempt', async () => {
    let runs = 0;
    const value = await retryOnDeadlock(async () => {
      runs += 1;
      if (runs < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'done';
    });
    expect(value).toBe('done');
    expect(runs).toBe(3);
    const deadlock = { cause: { code: '40P01' } };
    expect(isDeadlock(deadlock)).toBe(true);
    await expect(retryOnDeadlock(() => Promise.reject(deadlock), 2)).rejects.toBe(deadlock);
  });

  it('does not retry other errors', async () => {
    let runs = 0;
    const unique = { code: '23505' };
    await expect(
      retryOnDeadlock(() => {
        runs += 1;
        return Promise.reject(unique);
      }),
    ).rejects.toBe(unique);
    expect(runs).toBe(1);
  });
});
