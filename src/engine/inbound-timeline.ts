/**
 * Maps caller-audio sample offsets back to the time the audio arrived, so that "speech ended at
 * sample N" (a VAD decision made windows later) becomes a point in time for latency accounting.
 * Keeps the last few seconds only.
 */
export class InboundTimeline {
  readonly #starts: Float64Array;
  readonly #times: Float64Array;
  readonly #capacity: number;
  #count = 0;
  #samples = 0;

  constructor(capacity = 512) {
    this.#capacity = capacity;
    this.#starts = new Float64Array(capacity);
    this.#times = new Float64Array(capacity);
  }

  /** Records that `samples` samples arrived at `at`. */
  append(samples: number, at: number): void {
    const slot = this.#count % this.#capacity;
    this.#starts[slot] = this.#samples;
    this.#times[slot] = at;
    this.#samples += samples;
    this.#count++;
  }

  get totalSamples(): number {
    return this.#samples;
  }

  /** Arrival time of the chunk holding sample `sample - 1` (the end of a span), if still kept. */
  timeOfSample(sample: number): number | undefined {
    const target = Math.max(0, sample - 1);
    const oldest = Math.max(0, this.#count - this.#capacity);
    for (let index = this.#count - 1; index >= oldest; index--) {
      const slot = index % this.#capacity;
      if ((this.#starts[slot] ?? 0) <= target) return this.#times[slot];
    }
    return undefined;
  }
}
