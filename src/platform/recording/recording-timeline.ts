/** How long each lag window lasts; the lag used is the smallest seen in the last one or two. */
const LAG_WINDOW_MS = 1000;

/**
 * Decides where each side's audio goes on a recording's timeline (positions in samples).
 *
 * The caller stream is the master: its frames are laid end to end, so network jitter does not
 * tear the caller's speech apart. The clock only maps "now" onto that timeline: the lag is how
 * far the caller cursor trails the clock, taken as the smallest lag seen over the last 1–2 s (the
 * frames that arrived on time). Agent audio goes at max(agent cursor, now on the caller timeline),
 * so a burst sent ahead of real time queues behind itself and lines up with what the caller said
 * at that moment. When the caller stream stalls for longer than `stallSamples` the caller lane is
 * padded with silence up to the clock, so the two lanes stay together across the gap.
 */
export class RecordingTimeline {
  readonly #samplesPerMs: number;
  readonly #stallSamples: number;
  readonly #startMs: number;
  #caller = 0;
  #agent = 0;
  #heardCaller = false;
  #windowStartMs = 0;
  #windowMin = Number.POSITIVE_INFINITY;
  #previousMin = Number.POSITIVE_INFINITY;

  constructor(sampleRate: number, stallSamples: number, startMs: number) {
    this.#samplesPerMs = sampleRate / 1000;
    this.#stallSamples = stallSamples;
    this.#startMs = startMs;
    this.#windowStartMs = startMs;
  }

  /** Position after the last caller sample (the caller lane is complete up to here). */
  get callerCursor(): number {
    return this.#caller;
  }

  /** Position after the last agent sample. */
  get agentCursor(): number {
    return this.#agent;
  }

  /** Where `length` caller samples that arrived at `nowMs` start; advances the caller cursor. */
  placeCaller(nowMs: number, length: number): number {
    const clock = this.#clock(nowMs);
    const expectedStart = clock - this.#lag() - length;
    let start = this.#caller;
    // The first frame starts where the clock says, so agent audio sent before it keeps its place.
    if (!this.#heardCaller || expectedStart - start > this.#stallSamples) {
      start = Math.max(start, Math.round(expectedStart));
    }
    this.#heardCaller = true;
    this.#caller = start + length;
    this.#observeLag(nowMs, clock - this.#caller);
    return start;
  }

  /** Where `length` agent samples sent at `nowMs` start; advances the agent cursor. */
  placeAgent(nowMs: number, length: number): number {
    const now = Math.round(this.#clock(nowMs) - this.#lag());
    const start = Math.max(this.#agent, now, this.#caller);
    this.#agent = start + length;
    return start;
  }

  /**
   * Pads the caller lane with silence up to now when the caller has been silent (no frames) for
   * longer than the stall limit. Returns true when it did.
   */
  advanceIfStalled(nowMs: number): boolean {
    const now = Math.round(this.#clock(nowMs) - this.#lag());
    if (now - this.#caller <= this.#stallSamples) return false;
    this.#caller = now;
    return true;
  }

  #clock(nowMs: number): number {
    return (nowMs - this.#startMs) * this.#samplesPerMs;
  }

  /** Samples the caller cursor trails the clock by when frames arrive on time. */
  #lag(): number {
    return this.#heardCaller ? Math.min(this.#windowMin, this.#previousMin) : 0;
  }

  #observeLag(nowMs: number, lag: number): void {
    if (nowMs - this.#windowStartMs >= LAG_WINDOW_MS) {
      this.#previousMin = this.#windowMin;
      this.#windowMin = lag;
      this.#windowStartMs = nowMs;
    } else if (lag < this.#windowMin) {
      this.#windowMin = lag;
    }
  }
}
