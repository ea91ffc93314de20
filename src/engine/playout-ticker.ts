import type { Clock, TimerHandle } from './clock.js';
import { PlayoutStats } from './playout-stats.js';

/** Something that sends due audio when the shared ticker fires. */
export interface TickTarget {
  tick(now: number): void;
}

/**
 * One timer for every call's outbound audio. Hundreds of calls each holding a 20 ms timer would
 * cost hundreds of wake-ups per tick; one drift-corrected schedule wakes once and serves them all.
 * It runs only while some call has audio to send.
 */
export class PlayoutTicker {
  readonly #clock: Clock;
  readonly #periodMs: number;
  readonly #targets = new Set<TickTarget>();
  /** Pacing quality of every player on this ticker. */
  readonly stats = new PlayoutStats();
  #timer: TimerHandle | undefined;
  #nextAt = 0;

  /**
   * The period is finer than a frame (5 ms against 20 ms) so that each call's frames go out close
   * to their own slots, whatever phase the call started at.
   */
  constructor(clock: Clock, periodMs = 5) {
    this.#clock = clock;
    this.#periodMs = periodMs;
  }

  get periodMs(): number {
    return this.#periodMs;
  }

  add(target: TickTarget): void {
    this.#targets.add(target);
    if (this.#timer === undefined) {
      this.#nextAt = this.#clock.now() + this.#periodMs;
      this.#schedule();
    }
  }

  remove(target: TickTarget): void {
    this.#targets.delete(target);
    if (this.#targets.size === 0 && this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #schedule(): void {
    this.#timer = this.#clock.setTimeout(() => this.#fire(), this.#nextAt - this.#clock.now());
  }

  #fire(): void {
    const now = this.#clock.now();
    for (const target of this.#targets) target.tick(now);
    if (this.#targets.size === 0) {
      this.#timer = undefined;
      return;
    }
    this.#nextAt += this.#periodMs;
    // After a long stall, skip missed ticks instead of bursting to catch up.
    if (this.#nextAt < now) this.#nextAt = now + this.#periodMs;
    this.#schedule();
  }
}
