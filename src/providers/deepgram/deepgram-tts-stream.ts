import type { RawData, WebSocket } from 'ws';
import { ProviderError } from '../../errors/provider-error.js';
import type { Logger } from '../../logging/logger.js';
import type { TtsStreamPart, TtsStreamV1 } from '../spec/tts-model-v1.js';
import { PartsChannel } from './parts-channel.js';
import {
  parseJsonObject,
  rawDataToBytes,
  rawDataToText,
  sendIfOpen,
  type OpenSocket,
} from './provider-socket.js';

export interface DeepgramTtsStreamOptions {
  readonly abortSignal?: AbortSignal;
  readonly logger: Logger;
}

/**
 * One agent utterance on an open `/v1/speak` socket: `Speak` per piece, `Flush` on `end()`,
 * `finish` after `Flushed`, then `Close`. Every parts stream ends with exactly one `finish`.
 */
export class DeepgramTtsStream implements TtsStreamV1 {
  readonly parts: ReadableStream<TtsStreamPart>;
  readonly #socket: WebSocket;
  readonly #options: DeepgramTtsStreamOptions;
  readonly #channel: PartsChannel<TtsStreamPart>;
  #characters = 0;
  #ended = false;
  #done = false;
  readonly #onAbort = (): void => this.#abort();

  constructor(opened: OpenSocket, options: DeepgramTtsStreamOptions) {
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
    if (this.#ended || this.#done || text.trim() === '') return;
    // Pieces are concatenated by Deepgram; a trailing space keeps clauses from running together.
    const piece = /\s$/.test(text) ? text : `${text} `;
    this.#characters += text.length;
    sendIfOpen(this.#socket, JSON.stringify({ type: 'Speak', text: piece }));
  }

  end(): void {
    if (this.#ended || this.#done) return;
    this.#ended = true;
    if (this.#characters === 0) {
      this.#finish();
      return;
    }
    sendIfOpen(this.#socket, JSON.stringify({ type: 'Flush' }));
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#done) return;
    if (isBinary) {
      this.#channel.push({ type: 'audio', audio: rawDataToBytes(data) });
      return;
    }
    const message = parseJsonObject(rawDataToText(data));
    if (message === undefined) {
      this.#options.logger.warn('Deepgram TTS sent a frame that is not a JSON object, ignoring it');
      return;
    }
    switch (message['type']) {
      case 'Flushed':
        if (this.#ended) this.#finish();
        return;
      case 'Warning':
        this.#options.logger.warn(
          { code: message['code'], description: message['description'] },
          'Deepgram TTS warning',
        );
        return;
      case 'Error': {
        const description = message['description'] ?? message['err_msg'] ?? message['message'];
        const code = message['code'] ?? message['err_code'];
        const error = new ProviderError(
          `Deepgram TTS reported an error${typeof code === 'string' ? ` (${code})` : ''}: ${String(description ?? 'unknown error').slice(0, 300)}`,
          { provider: 'deepgram', code: 'provider_error', retryable: false },
        );
        this.#channel.push({ type: 'error', error });
        this.#finish();
        return;
      }
      default:
        this.#options.logger.debug(
          { messageType: String(message['type']) },
          'Deepgram TTS message ignored',
        );
    }
  }

  #onClose(code: number, reason: string): void {
    if (this.#done) return;
    this.#done = true;
    this.#options.abortSignal?.removeEventListener('abort', this.#onAbort);
    this.#options.logger.warn({ code, reason }, 'Deepgram TTS connection closed before Flushed');
    const error = new ProviderError(
      `Deepgram TTS connection dropped (code ${code}${reason === '' ? '' : `: ${reason.slice(0, 200)}`})`,
      {
        provider: 'deepgram',
        code: 'connection_lost',
        retryable: true,
      },
    );
    this.#channel.push({ type: 'error', error });
    this.#channel.end({ type: 'finish' });
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#options.abortSignal?.removeEventListener('abort', this.#onAbort);
    if (this.#characters > 0) this.#channel.push({ type: 'usage', characters: this.#characters });
    this.#channel.end({ type: 'finish' });
    sendIfOpen(this.#socket, JSON.stringify({ type: 'Close' }));
    this.#socket.close(1000);
  }

  /** Barge-in: drop what Deepgram buffered, close, and end the parts at once. */
  #abort(): void {
    if (this.#done) return;
    this.#done = true;
    this.#options.abortSignal?.removeEventListener('abort', this.#onAbort);
    sendIfOpen(this.#socket, JSON.stringify({ type: 'Clear' }));
    this.#socket.close(1000);
    this.#channel.end({ type: 'finish' });
  }
}
