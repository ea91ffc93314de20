import { ConfigError } from '../../../errors/config-error.js';
import { ProviderError } from '../../../errors/provider-error.js';
import { FliteWorker } from './flite-worker.js';
import { parseWav } from './parse-wav.js';

/** Flite voices known to work from the WASI build (all speak English at 16 kHz). */
export const FLITE_VOICES = ['rms', 'slt', 'awb'] as const;
export type FliteVoice = (typeof FLITE_VOICES)[number];

export interface FliteSynthesisOptions {
  /** Defaults to `rms`, the voice local speech recognition understands best. */
  readonly voice?: FliteVoice;
  /** Drops the request if it has not started; a running one finishes but is discarded. */
  readonly abortSignal?: AbortSignal;
}

export interface FliteAudio {
  readonly samples: Int16Array;
  readonly sampleRate: number;
}

/** One per process: the compiled module and its worker thread are shared by every caller. */
const fliteWorker = new FliteWorker();

/** Whether `voice` names a Flite voice this build ships. */
export function isFliteVoice(voice: unknown): voice is FliteVoice {
  return typeof voice === 'string' && (FLITE_VOICES as readonly string[]).includes(voice);
}

/**
 * Speaks `text` with Flite (compiled to WASI, run in a worker thread) and returns mono PCM16.
 * The text travels as one WASI argument, never through a shell, so quotes, newlines and leading
 * dashes are spoken as text.
 *
 * @example
 * const { samples, sampleRate } = await synthesizeWithFlite('Your table is booked.');
 */
export async function synthesizeWithFlite(
  text: string,
  options: FliteSynthesisOptions = {},
): Promise<FliteAudio> {
  const voice = options.voice ?? 'rms';
  if (!isFliteVoice(voice)) {
    throw new ConfigError('flite.voice', `unknown voice; use one of ${FLITE_VOICES.join(', ')}`);
  }
  // C strings end at NUL; WASI would refuse the argument.
  const safeText = text.replaceAll('\0', ' ');
  const wav = await fliteWorker.synthesize(voice, safeText, options.abortSignal);
  try {
    return parseWav(wav);
  } catch (error) {
    throw new ProviderError('Flite wrote an unreadable WAV file', {
      provider: 'flite',
      code: 'invalid_audio',
      retryable: false,
      cause: error,
    });
  }
}

/** Compiles `flite.wasm` now rather than on the first synthesis (e.g. at server start). */
export async function preloadFlite(): Promise<void> {
  await fliteWorker.loadModule();
}
