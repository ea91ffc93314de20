import { SwitchboardError } from '../errors/switchboard-error.js';

/** Sample rates the engine uses; the resampler converts between any two of them. */
export const SUPPORTED_SAMPLE_RATES: readonly number[] = Object.freeze([8000, 16000, 24000, 48000]);

/** How sharp the anti-aliasing filter is. Every field is optional; defaults meet the spec. */
export interface ResamplerOptions {
  /** End of the flat passband, as a fraction of the lower rate's Nyquist frequency. Default 0.9. */
  readonly passbandEdge?: number;
  /**
   * Start of the stopband, as a fraction of the lower rate's Nyquist frequency. Default 1.0, so
   * nothing above the output's Nyquist survives. 1.1 (= 2 − passbandEdge) halves the filter
   * length and puts the cutoff on Nyquist, which makes half-band shortcuts possible (8 → 16 kHz
   * and 16 → 8 kHz cost about a quarter); aliases still stay out of the passband, landing
   * between 0.9 and 1.0 × Nyquist.
   */
  readonly stopbandEdge?: number;
  /** Minimum stopband attenuation in dB. Default 60. */
  readonly attenuationDb?: number;
}

/**
 * How the resampler runs one phase, from the shape of its taps:
 * - `Dense`: a plain dot product;
 * - `Folded`: the taps read the same backwards, so mirrored inputs are added first (one multiply
 *   per two taps);
 * - `Copy`: a single tap of exactly 1 (the cutoff sits on Nyquist), so one input is copied;
 * - `HalfBand`: folded, and every other tap is zero, so those are skipped too.
 */
export const PhaseKind = Object.freeze({ Dense: 0, Folded: 1, Copy: 2, HalfBand: 3 } as const);
export type PhaseKind = (typeof PhaseKind)[keyof typeof PhaseKind];

/**
 * A polyphase FIR filter for the rational ratio L/M. Phase p holds the prototype taps
 * h[p], h[p + L], h[p + 2L] … reversed, so the inner loop walks the input forward; phases may
 * differ in length by one.
 */
export interface PolyphaseFilter {
  readonly upFactor: number;
  readonly downFactor: number;
  /** Input samples an output can reach back beyond the newest one it uses. */
  readonly historyLength: number;
  readonly taps: Float64Array;
  readonly phaseOffset: Int32Array;
  readonly phaseLength: Int32Array;
  /** How far into the full-length window the phase's first tap sits. */
  readonly phaseShift: Int32Array;
  readonly phaseKind: Uint8Array;
  /** Phase of the output that follows one of phase p. */
  readonly nextPhase: Int32Array;
  /** Input samples the window moves between an output of phase p and the next. */
  readonly advance: Int32Array;
  /** Group delay in output samples (an integer by construction). */
  readonly delaySamples: number;
}

const cache = new Map<string, PolyphaseFilter>();

function greatestCommonDivisor(first: number, second: number): number {
  return second === 0 ? first : greatestCommonDivisor(second, first % second);
}

/** Zeroth-order modified Bessel function of the first kind, by its power series. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (x * x) / 4;
  for (let k = 1; k < 64 && term > sum * 1e-17; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
  }
  return sum;
}

function classifyPhase(taps: Float64Array, symmetric: boolean): PhaseKind {
  const nonZero = taps.reduce((count, tap) => (tap === 0 ? count : count + 1), 0);
  if (nonZero === 1) return PhaseKind.Copy;
  if (!symmetric) return PhaseKind.Dense;
  const middle = (taps.length - 1) / 2;
  const halfBand =
    taps.length % 2 === 1 &&
    taps.every((tap, index) => index === middle || (middle - index) % 2 !== 0 || tap === 0);
  return halfBand ? PhaseKind.HalfBand : PhaseKind.Folded;
}

function checkRate(name: string, rate: number): void {
  if (!SUPPORTED_SAMPLE_RATES.includes(rate)) {
    throw new SwitchboardError(
      `createResampler: ${name} ${rate} Hz is not supported; use one of ${SUPPORTED_SAMPLE_RATES.join(', ')}`,
      { code: 'invalid_argument' },
    );
  }
}

function checkFraction(name: string, value: number, min: number, max: number): void {
  if (!(value >= min && value <= max)) {
    throw new SwitchboardError(`createResampler: ${name} must be between ${min} and ${max}`, {
      code: 'invalid_argument',
    });
  }
}

/**
 * Designs (or returns the cached) Kaiser-windowed sinc filter for `fromRate` → `toRate`. The
 * prototype runs at the common rate fromRate × L; its cutoff sits halfway through the transition
 * band, and each phase is normalised to unit DC gain so a constant input stays exactly constant.
 */
export function getPolyphaseFilter(
  fromRate: number,
  toRate: number,
  options: ResamplerOptions = {},
): PolyphaseFilter {
  checkRate('fromRate', fromRate);
  checkRate('toRate', toRate);
  const passbandEdge = options.passbandEdge ?? 0.9;
  const stopbandEdge = options.stopbandEdge ?? 1;
  const attenuationDb = options.attenuationDb ?? 60;
  checkFraction('passbandEdge', passbandEdge, 0.1, 0.99);
  checkFraction('stopbandEdge', stopbandEdge, passbandEdge + 0.01, 2 - passbandEdge);
  checkFraction('attenuationDb', attenuationDb, 21, 140);

  const divisor = greatestCommonDivisor(fromRate, toRate);
  const upFactor = toRate / divisor;
  const downFactor = fromRate / divisor;
  const key = `${upFactor}/${downFactor}/${passbandEdge}/${stopbandEdge}/${attenuationDb}`;
  const cached = cache.get(key);
  if (cached) return cached;

  // Frequencies as fractions of the prototype's sample rate (fromRate × upFactor).
  const lowerNyquist = 0.5 / Math.max(upFactor, downFactor);
  const cutoff = ((passbandEdge + stopbandEdge) / 2) * lowerNyquist;
  const transition = (stopbandEdge - passbandEdge) * lowerNyquist;
  // Kaiser's estimates for β and the length; a little extra attenuation covers their error.
  const designDb = attenuationDb + 2;
  const beta =
    designDb > 50
      ? 0.1102 * (designDb - 8.7)
      : 0.5842 * (designDb - 21) ** 0.4 + 0.07886 * (designDb - 21);
  const minimumLength = Math.ceil((designDb - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;
  // An odd length with (length − 1) divisible by 2M makes the delay a whole number of outputs.
  const step = 2 * downFactor;
  const length = Math.ceil((minimumLength - 1) / step) * step + 1;
  const center = (length - 1) / 2;

  const windowNorm = besselI0(beta);
  const prototype = Float64Array.from({ length }, (_, index) => {
    const offset = index - center;
    const ratio = offset / center;
    const window = besselI0(beta * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / windowNorm;
    return offset === 0
      ? 2 * cutoff
      : (Math.sin(2 * Math.PI * cutoff * offset) / (Math.PI * offset)) * window;
  });

  const taps = new Float64Array(length);
  const phaseOffset = new Int32Array(upFactor);
  const phaseLength = new Int32Array(upFactor);
  const phaseShift = new Int32Array(upFactor);
  const phaseKind = new Uint8Array(upFactor);
  const longest = Math.ceil(length / upFactor);
  for (let phase = 0, offset = 0; phase < upFactor; phase++) {
    const phaseTaps = Math.floor((length - 1 - phase) / upFactor) + 1;
    const slice = taps.subarray(offset, offset + phaseTaps);
    for (let tap = 0; tap < phaseTaps; tap++)
      slice[phaseTaps - 1 - tap] = prototype[phase + tap * upFactor]!;
    // Unit DC gain per phase, so a constant input comes out exactly constant.
    const sum = slice.reduce((total, tap) => total + tap, 0);
    const largest = slice.reduce((most, tap) => Math.max(most, Math.abs(tap)), 0);
    for (let tap = 0; tap < phaseTaps; tap++) {
      // Taps on the sinc's zero crossings come out as rounding noise; make them exact zeros.
      slice[tap] = Math.abs(slice[tap]!) < largest * 1e-9 ? 0 : slice[tap]! / sum;
    }
    phaseOffset[phase] = offset;
    phaseLength[phase] = phaseTaps;
    // h is symmetric about its centre, so phase p mirrors onto phase (length − 1 − p) mod L.
    const symmetric = (2 * phase) % upFactor === (length - 1) % upFactor;
    const kind = classifyPhase(slice, symmetric);
    phaseKind[phase] = kind;
    // A copy phase points straight at the one input it takes.
    const copied = kind === PhaseKind.Copy ? slice.findIndex((tap) => tap !== 0) : 0;
    phaseShift[phase] = longest - phaseTaps + copied;
    offset += phaseTaps;
  }

  const nextPhase = new Int32Array(upFactor);
  const advance = new Int32Array(upFactor);
  for (let phase = 0; phase < upFactor; phase++) {
    nextPhase[phase] = (phase + downFactor) % upFactor;
    advance[phase] = Math.floor((phase + downFactor) / upFactor);
  }
  const filter: PolyphaseFilter = Object.freeze({
    upFactor,
    downFactor,
    historyLength: longest - 1,
    taps,
    phaseOffset,
    phaseLength,
    phaseShift,
    phaseKind,
    nextPhase,
    advance,
    delaySamples: center / downFactor,
  });
  cache.set(key, filter);
  return filter;
}
