/**
 * The one internal audio shape. Everything inside the engine is PCM16 mono; carrier and
 * provider encodings (μ-law, A-law, other rates) are converted only at the edges.
 */
export interface AudioFrame {
  /** Signed 16-bit mono samples. */
  readonly samples: Int16Array;
  /** Samples per second: 8000, 16000, 24000 or 48000. */
  readonly sampleRate: number;
  /** Presentation time of the first sample, in ms since the stream started (monotonic). */
  readonly timestampMs: number;
}

/** Wire encodings we meet at the edges. `linear16` is little-endian signed 16-bit PCM. */
export type AudioEncoding = 'mulaw' | 'alaw' | 'linear16';

/** An encoding plus its sample rate; always mono. */
export interface AudioFormat {
  readonly encoding: AudioEncoding;
  readonly sampleRate: number;
}

/** Twilio, SignalWire (PCMU) and Deepgram/ElevenLabs telephony outputs all use this. */
export const MULAW_8K: AudioFormat = Object.freeze({ encoding: 'mulaw', sampleRate: 8000 });

/** Bytes of encoded audio in a given format. */
export interface EncodedAudio {
  readonly format: AudioFormat;
  readonly bytes: Uint8Array;
}

/** Bytes per sample for an encoding. */
export function bytesPerSample(encoding: AudioEncoding): number {
  return encoding === 'linear16' ? 2 : 1;
}

/** Duration in ms of `byteLength` bytes of audio in `format`. */
export function durationMs(format: AudioFormat, byteLength: number): number {
  return (byteLength / bytesPerSample(format.encoding) / format.sampleRate) * 1000;
}
