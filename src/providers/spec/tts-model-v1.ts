import type { AudioFormat } from '../../audio/audio-frame.js';
import type { SwitchboardError } from '../../errors/switchboard-error.js';
import type { Logger } from '../../logging/logger.js';

export interface TtsCapabilities {
  /** Text can be pushed while audio is coming back (one socket per utterance). */
  readonly streamingInput: boolean;
  /** Audio parts carry character timings. */
  readonly alignment: boolean;
}

export type TtsStreamPart =
  | {
      readonly type: 'audio';
      /** Audio in the model's `outputFormat`. */
      readonly audio: Uint8Array;
    }
  | { readonly type: 'usage'; readonly characters: number }
  | { readonly type: 'error'; readonly error: SwitchboardError }
  | { readonly type: 'finish' };

export interface TtsStreamOptions {
  /** Provider voice id; falls back to the model's default voice. */
  readonly voice?: string;
  readonly language?: string;
  /** Aborting drops buffered text and audio and closes the connection (barge-in). */
  readonly abortSignal?: AbortSignal;
  readonly providerOptions?: Readonly<Record<string, unknown>>;
  /**
   * The call's logger: what the provider logs about this stream carries the call's bindings
   * (`callId`, `callSid`). Falls back to the model's own logger.
   */
  readonly logger?: Logger;
}

/** One utterance of the agent. */
export interface TtsStreamV1 {
  /** A piece of text, usually a clause. Providers without streaming input synthesize each piece. */
  pushText(text: string): void;
  /** No more text: synthesize what is buffered, then end the parts stream with `finish`. */
  end(): void;
  readonly parts: ReadableStream<TtsStreamPart>;
}

export interface TtsModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: TtsCapabilities;
  /** The format of `audio` parts; the engine converts to the call's format at the edge. */
  readonly outputFormat: AudioFormat;
  /** Opens a stream. Rejects with a `ProviderError` when the provider cannot be reached. */
  stream(options: TtsStreamOptions): Promise<TtsStreamV1>;
}
