import { describe, expect, it } from 'vitest';
import { onAbort } from './on-abort.js';

describe('onAbort', () => {
  it('runs the action once when the signal aborts', () => {
    const controller = new AbortController();
    let runs = 0;
    onAbort(controller.signal, () => (runs += 1));
    expect(runs).toBe(0);
    controller.abort();
    controller.abort();
    expect(runs).toBe(1);
  });

  it('runs the action at once for an already aborted signal', () => {
    let runs = 0;
    onAbort(AbortSignal.abort(), () => (runs += 1));
    expect(runs).toBe(1);
  });

  it('stops listening when asked, and accepts no signal at all', () => {
    const controller = new AbortController();
    let runs = 0;
    const stop = onAbort(controller.signal, () => (runs += 1));
    stop();
    controller.abort();
    expect(runs).toBe(0);
    expect(() => onAbort(undefined, () => (runs += 1))()).not.toThrow();
    expect(runs).toBe(0);
  });
});
