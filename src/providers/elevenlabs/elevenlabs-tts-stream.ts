import type { RawData, WebSocket } from 'ws';
import { ProviderError } from '../../errors/provider-error.js';
import type { Logger } from '../../logging/logger.js';
import { PartsChannel } from '../deepgram/parts-channel.js';
import {
  parseJsonObject,
  rawDataToText,
  sendIfOpen,
  type OpenSocket,
} from '../deepgram/provider-socket.js';
import type { TtsStreamPart, TtsStreamV1 } from '../spec/tts-model-v1.js';

export interface ElevenLabsTtsStreamOptions {
  readonly abortSignal?: AbortSignal;
  readonly logger: Logger;
}

/**
 * One agent utterance on an open `stream-input` socket whose init message was already sent.
 * `end()` sends a flush and then the empty-text close; `finish` follows `isFinal: true`.
 * Every parts stream ends with exactly one `finish`.
 */
export class ElevenLabsTtsStream implements TtsStreamV1 {
  readonly parts: ReadableStream<TtsStreamPart>;
  readonly #socket: WebSocket;
  readonly #options: ElevenLabsTtsStreamOptions;
  readonly #channel: PartsChannel<TtsStreamPart>;
  #characters = 0;
  #ended = false;
  #done = false;
  readonly #onAbort = (): void => this.#abort();

  constructor(opened: OpenSocket, options: ElevenLabsTtsStreamOptions) {
    this.#socket = opened.socket;
    this.#options = options;
    this.#channel = new PartsChannel<TtsStreamPart>(() => this.#abort());
    this.parts = this.#channel.readable;
    opened.attach({
      message: (data, isBinary) => this.#onMessage(data, isBinary),
      close: (code, reason) => this.#onClose(code, reason),
    });
    if (options.abortSignal?.aborted) this.#abort();
    else options.abortSignal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  pushText(text: string): void {
    // An empty text would close the ElevenLabs stream, so blank pieces are skipped.
    if (this.#ended || this.#done || text.trim() === '') return;
    const piece = /\s$/.test(text) ? text : `${text} `;
    // The engine hands over whole clauses. The first one is flushed so the caller hears the agent
    // without waiting for the chunk schedule to fill; later text follows the schedule.
    const first = this.#characters === 0;
    this.#characters += text.length;
    sendIfOpen(this.#socket, JSON.stringify(first ? { text: piece, flush: true } : { text: piece }));
  }

  end(): void {
    if (this.#ended || this.#done) return;
    this.#ended = true;
    if (this.#characters === 0) {
      this.#finish();
      return;
    }
    // Flush generates the buffered tail now; the empty text then asks for isFinal and the close.
    sendIfOpen(this.#socket, JSON.stringify({ text: ' ', flush: true }));
    sendIfOpen(this.#socket, JSON.stringify({ text: '' }));
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#done) return;
    const message = isBinary ? undefined : parseJsonObject(rawDataToText(data));
    if (message === undefined) {
      this.#options.logger.warn('ElevenLabs sent a frame that is not a JSON object, ignoring it');
      return;
    }
    if (message['error'] !== undefined && message['error'] !== null) {
      this.#channel.push({ type: 'error', error: errorFromMessage(message) });
      this.#finish();
      return;
    }
    const audio = message['audio'];
    if (typeof audio === 'string' && audio !== '') {
      this.#channel.push({ type: 'audio', audio: new Uint8Array(Buffer.from(audio, 'base64')) });
    }
    if (message['isFinal'] === true) this.#finish();
  }

  #onClose(code: number, reason: string): void {
    if (this.#done) return;
    this.#done = true;
    this.#options.abortSignal?.removeEventListener('abort', this.#onAbort);
    this.#options.logger.warn({ code, reason }, 'ElevenLabs connection closed before isFinal');
    const detail = reason === '' ? '' : `: ${reason.slice(0, 200)}`;
    const error = new ProviderError(`ElevenLabs connection dropped (code ${code}${detail})`, {
      provider: 'elevenlabs',
      code: 'connection_lost',
      retryable: code !== 1008,
    });
    this.#channel.push({ type: 'error', error });
    this.#channel.end({ type: 'finish' });
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#options.abortSignal?.removeEventListener('abort', this.#onAbort);
    if (this.#characters > 0) this.#channel.push({ type: 'usage', characters: this.#characters });
    this.#channel.end({ type: 'finish' });
    this.#socket.close(1000);
  }

  /** Barge-in: the single-context socket has no clear message, so close it. */
  #abort(): void {
    if (this.#done) return;
    this.#done = true;
    this.#options.abortSignal?.removeEventListener('abort', this.#onAbort);
    this.#socket.close(1000);
    this.#channel.end({ type: 'finish' });
  }
}

function errorFromMessage(message: Record<string, unknown>): ProviderError {
  const kind = typeof message['error'] === 'string' ? message['error'] : 'error';
  const text = typeof message['message'] === 'string' ? message['message'] : 'no message';
  return new ProviderError(
    `ElevenLabs reported an error (${kind.slice(0, 80)}): ${text.slice(0, 300)}`,
    {
      provider: 'elevenlabs',
      code: 'provider_error',
      retryable: false,
    },
  );
}
