import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { concatInt16 } from './pcm.js';
import { createResampler } from './resampler.js';

const rates = [8000, 16000, 24000, 48000];
const pairs = rates.flatMap((fromRate) =>
  rates.filter((toRate) => toRate !== fromRate).map((toRate) => [fromRate, toRate] as const),
);

function tone(
  frequency: number,
  sampleRate: number,
  seconds: number,
  amplitude: number,
): Int16Array {
  const samples = new Int16Array(Math.round(sampleRate * seconds));
  for (let index = 0; index < samples.length; index++) {
    samples[index] = Math.round(
      amplitude * Math.sin((2 * Math.PI * frequency * index) / sampleRate),
    );
  }
  return samples;
}

/** Deterministic noise, so a failing run can be reproduced. */
function noise(length: number, seed: number): Int16Array {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Int16Array.from({ length }, () => Math.round((next() - 0.5) * 40000));
}

/**
 * Least-squares fit of a·sin + b·cos at `frequency` to a steady stretch of `samples` (leaving
 * `skip` samples at each end); returns the fitted amplitude and the RMS of what the fit leaves
 * over (aliases, images, rounding noise).
 */
function analyse(samples: Int16Array, frequency: number, sampleRate: number, skip: number) {
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let ys = 0;
  let yc = 0;
  const end = samples.length - skip;
  for (let index = skip; index < end; index++) {
    const angle = (2 * Math.PI * frequency * index) / sampleRate;
    const sine = Math.sin(angle);
    const cosine = Math.cos(angle);
    ss += sine * sine;
    cc += cosine * cosine;
    sc += sine * cosine;
    ys += samples[index]! * sine;
    yc += samples[index]! * cosine;
  }
  const determinant = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / determinant;
  const b = (yc * ss - ys * sc) / determinant;
  let residual = 0;
  for (let index = skip; index < end; index++) {
    const angle = (2 * Math.PI * frequency * index) / sampleRate;
    const left = samples[index]! - a * Math.sin(angle) - b * Math.cos(angle);
    residual += left * left;
  }
  return { amplitude: Math.hypot(a, b), residualRms: Math.sqrt(residual / (end - skip)) };
}

/** RMS of the samples between `skip` and the end, leaving out the filter's start-up. */
function steadyRms(samples: Int16Array, skip: number): number {
  let sum = 0;
  for (let index = skip; index < samples.length; index++) sum += samples[index]! * samples[index]!;
  return Math.sqrt(sum / (samples.length - skip));
}

const decibels = (ratio: number): number => 20 * Math.log10(ratio);

// The default filter, and the shorter one whose aliases land only between 0.9 and 1.0 × Nyquist.
const designs = [
  { name: 'default', options: {}, stopbandStart: 1 },
  { name: 'stopbandEdge 1.1', options: { stopbandEdge: 1.1 }, stopbandStart: 1.1 },
];
const cases = designs.flatMap((design) =>
  pairs.map(([fromRate, toRate]) => ({ ...design, fromRate, toRate })),
);

describe.each(cases)('createResampler $fromRate → $toRate Hz ($name)', (design) => {
  const { fromRate, toRate, options } = design;

  it('turns 20 ms into 20 ms', () => {
    const resampler = createResampler(fromRate, toRate, options);
    for (let frame = 0; frame < 3; frame++) {
      expect(resampler.process(new Int16Array(fromRate / 50)).length).toBe(toRate / 50);
    }
    expect(Number.isInteger(resampler.delaySamples)).toBe(true);
    expect(resampler.flush().length).toBe(resampler.delaySamples);
  });

  it('gives the same samples in chunks as in one call', () => {
    const input = noise(fromRate / 4, fromRate + toRate);
    const whole = createResampler(fromRate, toRate, options);
    const expected = concatInt16([whole.process(input), whole.flush()]);

    const chunked = createResampler(fromRate, toRate, options);
    const parts: Int16Array[] = [];
    const sizes = [1, 0, 7, 160, 2, 333, 1, 5, 999, 48];
    for (let offset = 0, turn = 0; offset < input.length; turn++) {
      const size = sizes[turn % sizes.length]!;
      parts.push(chunked.process(input.subarray(offset, offset + size)));
      offset += size;
    }
    parts.push(chunked.flush());
    const joined = concatInt16(parts);
    expect(joined.length).toBe(expected.length);
    expect(joined.findIndex((value, index) => value !== expected[index])).toBe(-1);
    // ceil(N × to / from) during the stream, plus the tail.
    expect(expected.length).toBe(
      Math.ceil((input.length * toRate) / fromRate) + whole.delaySamples,
    );
  });

  it('keeps DC exactly', () => {
    const resampler = createResampler(fromRate, toRate, options);
    const output = resampler.process(new Int16Array(fromRate / 5).fill(-12345));
    const settled = output.subarray(2 * resampler.delaySamples);
    expect(settled.length).toBeGreaterThan(100);
    expect(Math.max(...settled.map((value) => Math.abs(value + 12345)))).toBeLessThanOrEqual(1);
  });

  it('passes 1 kHz and 0.9 × Nyquist within ±0.1 dB, with images 60 dB down', () => {
    const lowerNyquist = Math.min(fromRate, toRate) / 2;
    for (const frequency of [1000, 0.9 * lowerNyquist]) {
      const resampler = createResampler(fromRate, toRate, options);
      const output = resampler.process(tone(frequency, fromRate, 0.25, 16000));
      const skip = 2 * resampler.delaySamples;
      const { amplitude, residualRms } = analyse(output, frequency, toRate, skip);
      expect(Math.abs(decibels(amplitude / 16000))).toBeLessThan(0.1);
      // Anything else in the output (images above the old Nyquist) is at least 60 dB down.
      expect(decibels(residualRms / (16000 / Math.SQRT2))).toBeLessThan(-60);
    }
  });

  it('delays by exactly delaySamples', () => {
    const resampler = createResampler(fromRate, toRate, options);
    const output = resampler.process(tone(440, fromRate, 0.1, 16000));
    const expected = tone(440, toRate, 0.1, 16000);
    const delay = resampler.delaySamples;
    let worst = 0;
    // The first samples after the delay still ring from the tone's abrupt start.
    for (let index = 2 * delay; index < output.length; index++) {
      worst = Math.max(worst, Math.abs(output[index]! - expected[index - delay]!));
    }
    expect(worst).toBeLessThan(16);
  });
});

describe.each(cases.filter(({ fromRate, toRate }) => fromRate > toRate))(
  'createResampler $fromRate → $toRate Hz ($name)',
  (design) => {
    const { fromRate, toRate, options } = design;

    it('attenuates tones in the stopband by at least 60 dB', () => {
      const stopband = (toRate / 2) * design.stopbandStart;
      const fromNyquist = fromRate / 2;
      for (const frequency of [
        stopband + 20,
        stopband * 1.05,
        stopband * 1.2,
        (stopband + fromNyquist) / 2,
        fromNyquist - 50,
      ]) {
        const resampler = createResampler(fromRate, toRate, options);
        const output = resampler.process(tone(frequency, fromRate, 0.25, 16000));
        const level = steadyRms(output, 2 * resampler.delaySamples);
        expect(decibels(level / (16000 / Math.SQRT2)), `${frequency} Hz`).toBeLessThan(-60);
      }
    });
  },
);

describe('createResampler', () => {
  it('starts afresh after flush and after reset', () => {
    const input = noise(800, 7);
    const fresh = createResampler(24000, 8000).process(input);
    const reused = createResampler(24000, 8000);
    reused.process(noise(123, 8));
    reused.flush();
    expect(reused.process(input)).toEqual(fresh);
    reused.process(noise(55, 9));
    reused.reset();
    expect(reused.process(input)).toEqual(fresh);
    expect(reused.flush().length).toBe(reused.delaySamples);
    expect(reused.flush().length).toBe(0);
  });

  it('copies the input through when the rates match', () => {
    const resampler = createResampler(16000, 16000);
    const input = noise(320, 3);
    const output = resampler.process(input);
    expect(output).toEqual(input);
    expect(output).not.toBe(input);
    expect(resampler.delaySamples).toBe(0);
    expect(resampler.flush().length).toBe(0);
  });

  it('saturates instead of wrapping on full-scale square waves', () => {
    const square = Int16Array.from({ length: 1600 }, (_, index) =>
      index % 40 < 20 ? 32767 : -32768,
    );
    const output = createResampler(8000, 48000).process(square);
    expect(Math.max(...output)).toBe(32767);
    expect(Math.min(...output)).toBe(-32768);
  });

  it('trades filter length for a wider transition band when asked', () => {
    const relaxed = createResampler(24000, 8000, { stopbandEdge: 1.1 });
    expect(relaxed.delaySamples).toBeLessThan(createResampler(24000, 8000).delaySamples);
    // 4.5 kHz folds to 3.5 kHz, inside the passband: it must still be 60 dB down.
    const output = relaxed.process(tone(4500, 24000, 0.25, 16000));
    const level = steadyRms(output, 2 * relaxed.delaySamples);
    expect(decibels(level / (16000 / Math.SQRT2))).toBeLessThan(-60);
  });

  it('names an unsupported rate or option', () => {
    expect(() => createResampler(44100, 16000)).toThrow(/fromRate 44100 Hz is not supported/);
    expect(() => createResampler(8000, 16000, { stopbandEdge: 0.5 })).toThrow(SwitchboardError);
  });
});
