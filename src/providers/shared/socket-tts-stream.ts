import type { RawData, WebSocket } from 'ws';
import { ProviderError } from '../../errors/provider-error.js';
import type { Logger } from '../../logging/logger.js';
import type { TtsStreamPart, TtsStreamV1 } from '../spec/tts-model-v1.js';
import { onAbort } from './on-abort.js';
import { PartsChannel } from './parts-channel.js';
import { sendIfOpen, type OpenSocket } from './provider-socket.js';

export interface SocketTtsStreamOptions {
  readonly abortSignal?: AbortSignal;
  readonly logger: Logger;
}

/** What a frame handler may do to the stream it serves. */
export interface SocketTtsControl {
  readonly logger: Logger;
  /** `end()` was called: no more text will come. */
  isEnded(): boolean;
  audio(bytes: Uint8Array): void;
  /** The vendor is done: emits `usage` (when text was pushed) and `finish`, closes the socket. */
  finish(): void;
  /** Emits the error part, then finishes. */
  fail(error: ProviderError): void;
}

/** The vendor-specific half of a one-utterance TTS socket: its messages and frames. */
export interface SocketTtsWire {
  /** Provider id for `ProviderError.provider`, e.g. `deepgram`. */
  readonly provider: string;
  /** Name used in error messages, e.g. `Deepgram TTS`. */
  readonly displayName: string;
  /** The frame for one piece of text; `piece` ends in whitespace, `first` marks the first piece. */
  textMessage(piece: string, first: boolean): string;
  /** Frames `end()` sends after text was pushed, asking for the rest of the audio and the end. */
  readonly endMessages: readonly string[];
  /** Sent just before the socket is closed after a finish. */
  readonly finishMessage?: string;
  /** Sent on barge-in just before the socket is closed. */
  readonly abortMessage?: string;
  /** Whether a close before the end is worth retrying (default: always). */
  readonly isRetryableClose?: (code: number) => boolean;
  /** Fixed log text for a close before the end, naming the vendor's end marker. */
  readonly earlyCloseLogMessage: string;
  /** Handles one frame from the vendor. */
  handleFrame(data: RawData, isBinary: boolean, control: SocketTtsControl): void;
}

/**
 * One agent utterance on an open TTS socket, with the lifecycle every socket vendor shares: text
 * pieces get a trailing space and are counted, `end()` with no text finishes at once, abort or a
 * consumer cancel closes the socket, an early close becomes a `connection_lost` error, and every
 * parts stream ends with exactly one `finish`. The vendor's messages and frames come from `wire`.
 */
export class SocketTtsStream implements TtsStreamV1 {
  readonly parts: ReadableStream<TtsStreamPart>;
  readonly #socket: WebSocket;
  readonly #options: SocketTtsStreamOptions;
  readonly #wire: SocketTtsWire;
  readonly #channel: PartsChannel<TtsStreamPart>;
  readonly #control: SocketTtsControl;
  #stopListening: () => void = () => undefined;
  #characters = 0;
  #ended = false;
  #done = false;

  constructor(opened: OpenSocket, options: SocketTtsStreamOptions, wire: SocketTtsWire) {
    this.#socket = opened.socket;
    this.#options = options;
    this.#wire = wire;
    this.#channel = new PartsChannel<TtsStreamPart>(() => this.#abort());
    this.parts = this.#channel.readable;
    this.#control = this.#createControl();
    opened.attach({
      message: (data, isBinary) => {
        if (!this.#done) wire.handleFrame(data, isBinary, this.#control);
      },
      close: (code, reason) => this.#onClose(code, reason),
    });
    this.#stopListening = onAbort(options.abortSignal, () => this.#abort());
  }

  pushText(text: string): void {
    if (this.#ended || this.#done || text.trim() === '') return;
    // Vendors concatenate pieces; a trailing space keeps clauses from running together.
    const piece = /\s$/.test(text) ? text : `${text} `;
    const first = this.#characters === 0;
    this.#characters += text.length;
    sendIfOpen(this.#socket, this.#wire.textMessage(piece, first));
  }

  end(): void {
    if (this.#ended || this.#done) return;
    this.#ended = true;
    if (this.#characters === 0) {
      this.#finish();
      return;
    }
    for (const message of this.#wire.endMessages) sendIfOpen(this.#socket, message);
  }

  #createControl(): SocketTtsControl {
    return {
      logger: this.#options.logger,
      isEnded: () => this.#ended,
      audio: (bytes) => this.#channel.push({ type: 'audio', audio: bytes }),
      finish: () => this.#finish(),
      fail: (error) => {
        this.#channel.push({ type: 'error', error });
        this.#finish();
      },
    };
  }

  #onClose(code: number, reason: string): void {
    if (this.#done) return;
    this.#done = true;
    this.#stopListening();
    this.#options.logger.warn({ code, reason }, this.#wire.earlyCloseLogMessage);
    const detail = reason === '' ? '' : `: ${reason.slice(0, 200)}`;
    const error = new ProviderError(
      `${this.#wire.displayName} connection dropped (code ${code}${detail})`,
      {
        provider: this.#wire.provider,
        code: 'connection_lost',
        retryable: this.#wire.isRetryableClose?.(code) ?? true,
      },
    );
    this.#channel.push({ type: 'error', error });
    this.#channel.end({ type: 'finish' });
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#stopListening();
    if (this.#characters > 0) this.#channel.push({ type: 'usage', characters: this.#characters });
    this.#channel.end({ type: 'finish' });
    if (this.#wire.finishMessage !== undefined) sendIfOpen(this.#socket, this.#wire.finishMessage);
    this.#socket.close(1000);
  }

  /** Barge-in or consumer cancel: tell the vendor (when it has a message for it), close, end. */
  #abort(): void {
    if (this.#done) return;
    this.#done = true;
    this.#stopListening();
    if (this.#wire.abortMessage !== undefined) sendIfOpen(this.#socket, this.#wire.abortMessage);
    this.#socket.close(1000);
    this.#channel.end({ type: 'finish' });
  }
}
