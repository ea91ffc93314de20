import type { AudioFormat } from '../../audio/audio-frame.js';
import type { SwitchboardError } from '../../errors/switchboard-error.js';
import type { Logger } from '../../logging/logger.js';

/** What a speech-to-text model can do; callers read this instead of probing. */
export interface SttCapabilities {
  /** Results arrive while audio is still flowing (a live socket), not once per utterance. */
  readonly streaming: boolean;
  /** Emits `transcript-partial` parts before the final text. */
  readonly interimResults: boolean;
  /** Emits word start/end times on final parts. */
  readonly wordTimings: boolean;
  /** The provider detects end of speech itself (`speechFinal`, `utterance-end`). */
  readonly endpointing: boolean;
}

export interface SttWord {
  readonly word: string;
  /** Seconds from the start of the stream. */
  readonly start: number;
  readonly end: number;
  readonly confidence?: number;
}

/** Parts a live transcription stream produces, in order. */
export type SttStreamPart =
  | { readonly type: 'speech-start'; readonly timestampMs?: number }
  | { readonly type: 'transcript-partial'; readonly text: string; readonly confidence?: number }
  | {
      readonly type: 'transcript-final';
      readonly text: string;
      readonly confidence?: number;
      /** The provider's endpointing saw a pause: the caller may have finished the turn. */
      readonly speechFinal: boolean;
      readonly words?: readonly SttWord[];
    }
  | { readonly type: 'utterance-end' }
  | { readonly type: 'usage'; readonly audioSeconds: number }
  | { readonly type: 'error'; readonly error: SwitchboardError }
  | { readonly type: 'finish' };

export interface SttStreamOptions {
  /** BCP-47 language, e.g. `en` or `en-US`. */
  readonly language?: string;
  /** Aborting closes the provider connection at once; the parts stream then ends. */
  readonly abortSignal?: AbortSignal;
  /** Settings only this provider understands, validated by its own schema. */
  readonly providerOptions?: Readonly<Record<string, unknown>>;
  /**
   * The call's logger: what the provider logs about this stream carries the call's bindings
   * (`callId`, `callSid`). Falls back to the model's own logger.
   */
  readonly logger?: Logger;
}

/** One open transcription stream, one per call. */
export interface SttStreamV1 {
  /** Caller audio in the model's `inputFormat`. Never blocks; buffers while connecting. */
  write(audio: Uint8Array): void;
  /** The caller stopped talking: flush pending audio into a final result. */
  finalize(): void;
  /** No more audio. The parts stream ends after the provider's last result. */
  close(): void;
  readonly parts: ReadableStream<SttStreamPart>;
}

export interface SttModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: SttCapabilities;
  /** The format `write` expects; the engine converts caller audio to it at the edge. */
  readonly inputFormat: AudioFormat;
  /** Opens a stream. Rejects with a `ProviderError` when the provider cannot be reached. */
  stream(options: SttStreamOptions): Promise<SttStreamV1>;
}
