import { ProviderError } from '../../../errors/provider-error.js';
import { SwitchboardError } from '../../../errors/switchboard-error.js';
import type { Logger } from '../../../logging/logger.js';
import type { TtsStreamPart, TtsStreamV1 } from '../../spec/tts-model-v1.js';
import { synthesizeWithFlite, type FliteVoice } from './synthesize-with-flite.js';

/** Audio parts carry at most this much sound, so playout and barge-in stay fine-grained. */
const MAX_PART_MS = 100;

export interface FliteTtsStreamSettings {
  readonly voice: FliteVoice;
  readonly sampleRate: number;
  readonly abortSignal: AbortSignal | undefined;
  readonly logger: Logger;
}

/**
 * One utterance. Pieces are synthesized one after another; the parts stream gets each piece's
 * audio, then `usage` and `finish` once `end()` was called and everything is spoken. Aborting
 * (or cancelling `parts`) drops pending text and ends the parts stream without `finish`.
 */
export class FliteTtsStream implements TtsStreamV1 {
  readonly parts: ReadableStream<TtsStreamPart>;
  readonly #settings: FliteTtsStreamSettings;
  readonly #synthesis = new AbortController();
  #controller: ReadableStreamDefaultController<TtsStreamPart> | undefined;
  #pieces: string[] = [];
  #ended = false;
  #done = false;
  #pumping = false;
  #characters = 0;

  constructor(settings: FliteTtsStreamSettings) {
    this.#settings = settings;
    this.parts = new ReadableStream<TtsStreamPart>({
      start: (controller) => {
        this.#controller = controller;
      },
      cancel: () => this.#abort(),
    });
    const signal = settings.abortSignal;
    if (signal?.aborted) this.#abort();
    else signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  pushText(text: string): void {
    if (this.#done || this.#ended) return;
    this.#pieces.push(text);
    void this.#pump();
  }

  end(): void {
    if (this.#done || this.#ended) return;
    this.#ended = true;
    void this.#pump();
  }

  readonly #onAbort = (): void => this.#abort();

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (!this.#done) {
        const piece = this.#pieces.shift();
        if (piece === undefined) {
          if (this.#ended) this.#finish();
          return;
        }
        if (piece.trim() === '') continue;
        const audio = await synthesizeWithFlite(piece, {
          voice: this.#settings.voice,
          abortSignal: this.#synthesis.signal,
        });
        if (this.#done) return;
        if (audio.sampleRate !== this.#settings.sampleRate) {
          throw new ProviderError(`Flite produced ${audio.sampleRate} Hz audio`, {
            provider: 'flite',
            code: 'invalid_audio',
            retryable: false,
          });
        }
        this.#characters += piece.length;
        this.#enqueueAudio(audio.samples);
      }
    } catch (error) {
      if (!this.#done) this.#fail(error);
    } finally {
      this.#pumping = false;
    }
  }

  #enqueueAudio(samples: Int16Array): void {
    const partSamples = Math.floor((this.#settings.sampleRate * MAX_PART_MS) / 1000);
    for (let start = 0; start < samples.length; start += partSamples) {
      const audio = toLittleEndianBytes(samples.subarray(start, start + partSamples));
      this.#controller?.enqueue({ type: 'audio', audio });
    }
  }

  #finish(): void {
    this.#settings.logger.debug({ characters: this.#characters }, 'Flite utterance synthesized');
    if (this.#characters > 0) {
      this.#controller?.enqueue({ type: 'usage', characters: this.#characters });
    }
    this.#controller?.enqueue({ type: 'finish' });
    this.#close();
  }

  #fail(cause: unknown): void {
    const error = SwitchboardError.isInstance(cause)
      ? cause
      : new ProviderError('Flite synthesis failed', {
          provider: 'flite',
          code: 'synthesis_failed',
          retryable: false,
          cause,
        });
    this.#settings.logger.warn({ err: cause }, 'Flite synthesis failed');
    this.#controller?.enqueue({ type: 'error', error });
    this.#close();
  }

  #abort(): void {
    if (this.#done) return;
    this.#pieces = [];
    this.#synthesis.abort();
    this.#close();
  }

  #close(): void {
    this.#done = true;
    this.#settings.abortSignal?.removeEventListener('abort', this.#onAbort);
    try {
      this.#controller?.close();
    } catch {
      // Already closed or cancelled by the reader: nothing left to end.
    }
  }
}

function toLittleEndianBytes(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < samples.length; index += 1) {
    view.setInt16(index * 2, samples[index] ?? 0, true);
  }
  return bytes;
}
