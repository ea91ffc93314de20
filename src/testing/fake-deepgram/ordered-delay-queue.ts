interface Entry {
  readonly dueAt: number;
  readonly action: () => void;
}

/**
 * Runs actions after a delay without ever reordering them: an action queued later never runs
 * before an earlier one, even with a shorter delay. One timer at a time, for cheap fakes.
 */
export class OrderedDelayQueue {
  #entries: Entry[] = [];
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  run(delayMs: number, action: () => void): void {
    if (this.#stopped) return;
    const now = Date.now();
    if (this.#entries.length === 0 && delayMs <= 0) {
      action();
      return;
    }
    const last = this.#entries[this.#entries.length - 1];
    this.#entries.push({ dueAt: Math.max(now + delayMs, last?.dueAt ?? 0), action });
    if (this.#entries.length === 1) this.#schedule();
  }

  /** Drops everything queued. */
  stop(): void {
    this.#stopped = true;
    this.#entries = [];
    clearTimeout(this.#timer);
  }

  #schedule(): void {
    const head = this.#entries[0];
    if (head === undefined) return;
    this.#timer = setTimeout(() => this.#drain(), Math.max(0, head.dueAt - Date.now()));
  }

  #drain(): void {
    const now = Date.now();
    while (!this.#stopped) {
      const head = this.#entries[0];
      if (head === undefined || head.dueAt > now) break;
      this.#entries.shift();
      head.action();
    }
    this.#schedule();
  }
}
