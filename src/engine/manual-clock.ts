import type { Clock, TimerHandle } from './clock.js';

interface PendingTimer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A clock that only moves when told to. `advance` fires due timers in time order, including timers
 * that those callbacks schedule inside the advanced window.
 */
export class ManualClock implements Clock {
  #now: number;
  #wallOrigin: number;
  #timers: PendingTimer[] = [];
  #nextId = 1;

  constructor(start = 0, wallOrigin = Date.UTC(2026, 0, 1)) {
    this.#now = start;
    this.#wallOrigin = wallOrigin;
  }

  now(): number {
    return this.#now;
  }

  wallNow(): number {
    return this.#wallOrigin + this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, delayMs), callback };
    this.#timers.push(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle === undefined) return;
    this.#timers = this.#timers.filter((timer) => timer !== handle);
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const due = this.#timers
        .filter((timer) => timer.at <= target)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.#timers = this.#timers.filter((timer) => timer !== due);
      this.#now = Math.max(this.#now, due.at);
      due.callback();
    }
    this.#now = target;
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }
}
