/** Where committed frames go: {@link StereoWavWriter} in production. */
export interface StereoFrameSink {
  append(left: Int16Array, right: Int16Array, from: number, count: number): void;
  appendSilence(count: number): void;
}

/** Left is the caller, right the agent. */
export type Lane = 0 | 1;

/**
 * The not-yet-committed end of a two-lane timeline, indexed by sample position. Each lane is
 * written at increasing positions only; gaps stay zero, so padding with silence costs nothing.
 * Frames before a position both lanes have passed are committed to the sink and the rest is moved
 * to the front. The buffers grow only when one lane runs further ahead than they hold.
 */
export class StereoLanes {
  readonly #sink: StereoFrameSink;
  #lanes: [Int16Array, Int16Array];
  /** Timeline position of index 0. */
  #base = 0;
  /** Timeline position after the last sample written to either lane. */
  #highWater = 0;

  constructor(sink: StereoFrameSink, capacity: number) {
    this.#sink = sink;
    this.#lanes = [new Int16Array(capacity), new Int16Array(capacity)];
  }

  /** Timeline position of the first frame not committed yet. */
  get base(): number {
    return this.#base;
  }

  /**
   * Copies `samples` into `lane` at timeline `position` (clamped to {@link base}). When they do
   * not fit, frames up to `committable` (a position both lanes are complete up to) are committed
   * first, and the buffers grow if that is not enough.
   */
  put(lane: Lane, samples: Int16Array, position: number, committable: number): void {
    const start = Math.max(position, this.#base);
    const end = start + samples.length;
    if (end - this.#base > this.#lanes[0].length) this.commit(Math.min(committable, start));
    if (end - this.#base > this.#lanes[0].length) this.#grow(end - this.#base);
    this.#lanes[lane].set(samples, start - this.#base);
    if (end > this.#highWater) this.#highWater = end;
  }

  /** Sends every frame before `position` to the sink; positions past the buffers are silence. */
  commit(position: number): void {
    const count = position - this.#base;
    if (count <= 0) return;
    const [left, right] = this.#lanes;
    const buffered = Math.min(count, left.length);
    this.#sink.append(left, right, 0, buffered);
    if (count > buffered) this.#sink.appendSilence(count - buffered);
    const used = Math.min(left.length, Math.max(0, this.#highWater - this.#base));
    for (const samples of this.#lanes) {
      if (used > buffered) samples.copyWithin(0, buffered, used);
      samples.fill(0, Math.max(0, used - buffered), used);
    }
    this.#base = position;
    if (this.#highWater < position) this.#highWater = position;
  }

  #grow(needed: number): void {
    let capacity = this.#lanes[0].length * 2;
    while (capacity < needed) capacity *= 2;
    const used = Math.max(0, this.#highWater - this.#base);
    this.#lanes = this.#lanes.map((old) => {
      const grown = new Int16Array(capacity);
      grown.set(old.subarray(0, used));
      return grown;
    }) as [Int16Array, Int16Array];
  }
}
