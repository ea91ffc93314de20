/**
 * How evenly this process paces outbound audio: the gap between consecutive frames of an
 * utterance against the frame period, in a 0.5 ms histogram, and the frames that went out more
 * than one period after their slot (the carrier's buffer ran dry: the caller heard a gap). Shared
 * by every call; recording is one array increment.
 */
export class PlayoutStats {
  static readonly #BIN_MS = 0.5;
  static readonly #BINS = 400;
  readonly #jitter = new Float64Array(PlayoutStats.#BINS + 1);
  #frames = 0;
  #lateFrames = 0;

  /** A frame went out `intervalMs` after the previous one of its utterance, `lateMs` after its slot. */
  record(intervalMs: number, periodMs: number, lateMs: number): void {
    const jitter = Math.abs(intervalMs - periodMs);
    const bin = Math.min(PlayoutStats.#BINS, Math.floor(jitter / PlayoutStats.#BIN_MS));
    this.#jitter[bin] = (this.#jitter[bin] ?? 0) + 1;
    this.#frames++;
    if (lateMs > periodMs) this.#lateFrames++;
  }

  get frames(): number {
    return this.#frames;
  }

  get lateFrames(): number {
    return this.#lateFrames;
  }

  /** The jitter (ms) below which `p` percent of frame gaps fall. */
  jitterPercentile(p: number): number {
    if (this.#frames === 0) return 0;
    const target = (p / 100) * this.#frames;
    let seen = 0;
    for (let bin = 0; bin <= PlayoutStats.#BINS; bin++) {
      seen += this.#jitter[bin] ?? 0;
      if (seen >= target) return (bin + 1) * PlayoutStats.#BIN_MS;
    }
    return PlayoutStats.#BINS * PlayoutStats.#BIN_MS;
  }

  /** Totals and the median and 99th-percentile jitter, for logs and the benchmark. */
  snapshot(): { frames: number; lateFrames: number; p50: number; p99: number } {
    return {
      frames: this.#frames,
      lateFrames: this.#lateFrames,
      p50: this.jitterPercentile(50),
      p99: this.jitterPercentile(99),
    };
  }
}
