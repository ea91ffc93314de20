import { PhaseKind, getPolyphaseFilter } from './resampler-filter.js';
import type { PolyphaseFilter, ResamplerOptions } from './resampler-filter.js';

export type { ResamplerOptions } from './resampler-filter.js';

/**
 * A streaming sample-rate converter. It keeps the tail of earlier input, so feeding a signal in
 * chunks of any size gives exactly the samples that one call with the whole signal gives.
 */
export interface Resampler {
  readonly fromRate: number;
  readonly toRate: number;
  /**
   * Converts the next chunk. After N input samples in total the resampler has returned
   * ceil(N × toRate / fromRate) samples, so 20 ms in gives 20 ms out.
   */
  process(input: Int16Array): Int16Array<ArrayBuffer>;
  /**
   * Returns the last `delaySamples` samples still inside the filter (as if silence followed) and
   * resets, ready for an unrelated stream.
   */
  flush(): Int16Array<ArrayBuffer>;
  /** Forgets all input, as if newly created. */
  reset(): void;
  /**
   * The filter's group delay in output samples: input at time t comes out at t + delay. Output
   * starts with this many samples of the filter filling up.
   */
  readonly delaySamples: number;
}

/**
 * Creates a resampler between any two of 8000, 16000, 24000 and 48000 Hz: a rational L/M
 * polyphase FIR with a Kaiser-windowed sinc, designed once per ratio and shared. By default the
 * passband is flat to 0.9 × the lower Nyquist frequency and everything above that Nyquist is
 * attenuated by at least 60 dB.
 *
 * @example
 * const upsample = createResampler(8000, 16000);
 * const wideband = upsample.process(mulawDecode(payload)); // 160 samples in, 320 out
 */
export function createResampler(
  fromRate: number,
  toRate: number,
  options: ResamplerOptions = {},
): Resampler {
  const filter = getPolyphaseFilter(fromRate, toRate, options);
  if (fromRate === toRate) return new PassThroughResampler(fromRate);
  return new PolyphaseResampler(fromRate, toRate, filter);
}

/** Input samples filtered per pass; bounds the working buffer whatever the caller sends. */
const BLOCK_SAMPLES = 4096;

function toInt16(value: number): number {
  const rounded = Math.round(value);
  return rounded > 32767 ? 32767 : rounded < -32768 ? -32768 : rounded;
}

class PassThroughResampler implements Resampler {
  readonly delaySamples = 0;
  readonly fromRate: number;
  readonly toRate: number;

  constructor(rate: number) {
    this.fromRate = rate;
    this.toRate = rate;
  }

  process(input: Int16Array): Int16Array<ArrayBuffer> {
    return input.slice();
  }

  flush(): Int16Array<ArrayBuffer> {
    return new Int16Array(0);
  }

  reset(): void {}
}

class PolyphaseResampler implements Resampler {
  readonly fromRate: number;
  readonly toRate: number;
  readonly delaySamples: number;
  readonly #filter: PolyphaseFilter;
  /** The last historyLength inputs, then the block being filtered. */
  readonly #buffer: Float64Array;
  #phase = 0;
  /** Where in the buffer the next output's window starts. */
  #nextInput = 0;
  #inputTotal = 0;
  #outputTotal = 0;

  constructor(fromRate: number, toRate: number, filter: PolyphaseFilter) {
    this.fromRate = fromRate;
    this.toRate = toRate;
    this.#filter = filter;
    this.delaySamples = filter.delaySamples;
    this.#buffer = new Float64Array(filter.historyLength + BLOCK_SAMPLES);
  }

  process(input: Int16Array): Int16Array<ArrayBuffer> {
    const { upFactor, downFactor } = this.#filter;
    // Both totals stay below 2^53 for years of audio, so this division is exact enough.
    const total = this.#inputTotal + input.length;
    const output = new Int16Array(Math.ceil((total * upFactor) / downFactor) - this.#outputTotal);
    // Long inputs go through in blocks, so the working buffer stays small.
    for (let offset = 0, written = 0; offset < input.length; offset += BLOCK_SAMPLES) {
      written = this.#run(input.subarray(offset, offset + BLOCK_SAMPLES), output, written);
    }
    return output;
  }

  /** Filters one block into `output` from index `written`; returns the new write index. */
  #run(input: Int16Array, output: Int16Array, written: number): number {
    const { upFactor, downFactor, historyLength: history, taps, nextPhase, advance } = this.#filter;
    const { phaseOffset, phaseLength, phaseShift, phaseKind } = this.#filter;
    const length = input.length;
    const buffer = this.#buffer;
    for (let index = 0; index < length; index++) buffer[history + index] = input[index]!;

    this.#inputTotal += length;
    const available = Math.ceil((this.#inputTotal * upFactor) / downFactor);
    const end = written + available - this.#outputTotal;
    this.#outputTotal = available;

    let phase = this.#phase;
    let start = this.#nextInput;
    for (let outputIndex = written; outputIndex < end; outputIndex++) {
      const tapStart = phaseOffset[phase]!;
      const count = phaseLength[phase]!;
      const first = start + phaseShift[phase]!;
      const kind = phaseKind[phase]!;
      let sum0 = 0;
      let sum1 = 0;
      if (kind === PhaseKind.Copy) {
        sum0 = buffer[first]!;
      } else if (kind === PhaseKind.Dense) {
        // Two accumulators let the multiply-adds overlap; the order is fixed, so chunking
        // cannot change a result.
        let tap = 0;
        for (; tap + 1 < count; tap += 2) {
          sum0 += taps[tapStart + tap]! * buffer[first + tap]!;
          sum1 += taps[tapStart + tap + 1]! * buffer[first + tap + 1]!;
        }
        if (tap < count) sum0 += taps[tapStart + tap]! * buffer[first + tap]!;
      } else {
        // Symmetric taps: add the mirrored inputs first, halving the multiplies. A half-band
        // phase has zeros at even distances from its centre, so it takes every other pair.
        const half = count >> 1;
        const step = kind === PhaseKind.HalfBand ? 2 : 1;
        let tap = kind === PhaseKind.HalfBand && half % 2 === 0 ? 1 : 0;
        let last = first + count - 1 - tap;
        for (; tap + step < half; tap += 2 * step, last -= 2 * step) {
          sum0 += taps[tapStart + tap]! * (buffer[first + tap]! + buffer[last]!);
          sum1 +=
            taps[tapStart + tap + step]! * (buffer[first + tap + step]! + buffer[last - step]!);
        }
        if (tap < half) sum0 += taps[tapStart + tap]! * (buffer[first + tap]! + buffer[last]!);
        if (count % 2 === 1) sum1 += taps[tapStart + half]! * buffer[first + half]!;
      }
      output[outputIndex] = toInt16(sum0 + sum1);
      start += advance[phase]!;
      phase = nextPhase[phase]!;
    }
    this.#phase = phase;
    this.#nextInput = start - length;
    buffer.copyWithin(0, length, length + history);
    return end;
  }

  flush(): Int16Array<ArrayBuffer> {
    if (this.#inputTotal === 0) return new Int16Array(0);
    const { upFactor, downFactor } = this.#filter;
    // Enough silence to push the last real input through to the filter's far end.
    const lastNeeded = Math.floor(
      ((this.#outputTotal + this.delaySamples - 1) * downFactor) / upFactor,
    );
    const tail = this.process(new Int16Array(Math.max(0, lastNeeded + 1 - this.#inputTotal)));
    this.reset();
    return tail.length > this.delaySamples ? tail.slice(0, this.delaySamples) : tail;
  }

  reset(): void {
    this.#buffer.fill(0);
    this.#phase = 0;
    this.#nextInput = 0;
    this.#inputTotal = 0;
    this.#outputTotal = 0;
  }
}
