import type { Clock, TimerHandle } from './clock.js';
import type { EndpointingSettings } from './session-options.js';

/** A caller turn ready to be answered, with the timings the latency split needs. */
export interface CommittedTurn {
  readonly text: string;
  /** When the caller stopped speaking (monotonic ms). */
  readonly speechEndAt: number;
  /** `speechEndAt + minDelayMs`: the earliest we meant to answer. */
  readonly deadline: number;
  /** When the transcript settled (final result), if it did before the commit. */
  readonly transcriptAt: number | undefined;
  readonly committedAt: number;
}

export interface EndpointerEvents {
  onCommit(turn: CommittedTurn): void;
  /** Speech ended and settled with no words (a cough, a door): nothing to answer. */
  onDiscard(): void;
}

/**
 * Decides when the caller's turn is over: at least `minDelayMs` after speech ended and once the
 * transcript settled, or at `maxDelayMs` with whatever text there is. Speech resuming before that
 * cancels the commit and the turn goes on.
 */
export class Endpointer {
  readonly #settings: EndpointingSettings;
  readonly #clock: Clock;
  readonly #events: EndpointerEvents;
  #finals: string[] = [];
  #partial = '';
  /**
   * Interim words already committed with a turn (at the maximum delay, or a forced commit). The
   * final result for that audio may still arrive; its words must not be heard twice.
   */
  #committedInterim: string[] = [];
  #settled = false;
  #transcriptAt: number | undefined;
  #speechEndAt: number | undefined;
  #minElapsed = false;
  #minTimer: TimerHandle | undefined;
  #maxTimer: TimerHandle | undefined;

  constructor(settings: EndpointingSettings, clock: Clock, events: EndpointerEvents) {
    this.#settings = settings;
    this.#clock = clock;
    this.#events = events;
  }

  /** Everything heard in this turn so far, final and interim. */
  get text(): string {
    return [...this.#finals, this.#partial]
      .filter((part) => part.length > 0)
      .join(' ')
      .trim();
  }

  get wordCount(): number {
    const text = this.text;
    return text.length === 0 ? 0 : text.split(/\s+/).length;
  }

  /** Waiting for the end-of-turn decision. */
  get pending(): boolean {
    return this.#speechEndAt !== undefined;
  }

  speechStarted(): void {
    this.#settled = false;
    this.#transcriptAt = undefined;
    this.#speechEndAt = undefined;
    this.#cancelTimers();
  }

  speechEnded(speechEndAt: number): void {
    this.#cancelTimers();
    this.#speechEndAt = speechEndAt;
    const now = this.#clock.now();
    this.#minTimer = this.#clock.setTimeout(
      () => {
        this.#minTimer = undefined;
        this.#minElapsed = true;
        this.#tryCommit();
      },
      speechEndAt + this.#settings.minDelayMs - now,
    );
    this.#maxTimer = this.#clock.setTimeout(
      () => {
        this.#maxTimer = undefined;
        this.#commitOrDiscard();
      },
      speechEndAt + this.#settings.maxDelayMs - now,
    );
  }

  /** Commit now with what was heard (a monologue reached the maximum speech length). */
  commitNow(speechEndAt: number): void {
    this.#cancelTimers();
    this.#speechEndAt = speechEndAt;
    this.#commitOrDiscard();
  }

  transcriptPartial(text: string): void {
    this.#partial = text.trim();
  }

  transcriptFinal(text: string, speechFinal: boolean): void {
    const trimmed = this.#withoutCommittedInterim(text.trim());
    if (trimmed.length > 0) this.#finals.push(trimmed);
    this.#partial = '';
    if (speechFinal) this.#settle();
  }

  utteranceEnd(): void {
    this.#settle();
  }

  /** Text from an earlier commit that was withdrawn because the caller went on talking. */
  prepend(text: string): void {
    if (text.length > 0) this.#finals.unshift(text);
  }

  /** Drop everything (call ending). */
  reset(): void {
    this.#cancelTimers();
    this.#finals = [];
    this.#partial = '';
    this.#speechEndAt = undefined;
  }

  #withoutCommittedInterim(text: string): string {
    const committed = this.#committedInterim;
    if (committed.length === 0 || text.length === 0) return text;
    this.#committedInterim = [];
    const words = text.split(/\s+/);
    const normalize = (word: string): string => word.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');
    let shared = 0;
    while (
      shared < words.length &&
      shared < committed.length &&
      normalize(words[shared] ?? '') === normalize(committed[shared] ?? '')
    ) {
      shared++;
    }
    return words.slice(shared).join(' ');
  }

  #settle(): void {
    this.#settled = true;
    this.#transcriptAt = this.#clock.now();
    this.#tryCommit();
  }

  #tryCommit(): void {
    if (this.#speechEndAt === undefined || !this.#minElapsed || !this.#settled) return;
    this.#commitOrDiscard();
  }

  #commitOrDiscard(): void {
    const speechEndAt = this.#speechEndAt;
    if (speechEndAt === undefined) return;
    const text = this.text;
    const transcriptAt = this.#settled ? this.#transcriptAt : undefined;
    const interim = this.#partial;
    this.reset();
    if (interim.length > 0) this.#committedInterim = interim.split(/\s+/);
    if (text.length === 0) {
      this.#events.onDiscard();
      return;
    }
    this.#events.onCommit({
      text,
      speechEndAt,
      deadline: speechEndAt + this.#settings.minDelayMs,
      transcriptAt,
      committedAt: this.#clock.now(),
    });
  }

  #cancelTimers(): void {
    this.#clock.clearTimeout(this.#minTimer);
    this.#clock.clearTimeout(this.#maxTimer);
    this.#minTimer = undefined;
    this.#maxTimer = undefined;
    this.#minElapsed = false;
  }
}
