import type { RawData, WebSocket } from 'ws';
import type { Logger } from '../../logging/logger.js';
import type { SttStreamPart, SttStreamV1 } from '../spec/stt-model-v1.js';
import { errorFromDeepgramClose, mapDeepgramListenMessage } from './deepgram-listen-messages.js';
import { PartsChannel } from '../shared/parts-channel.js';
import {
  openProviderSocket,
  type OpenSocket,
  parseJsonObject,
  rawDataToText,
  sendIfOpen,
  type WebSocketConstructor,
} from '../shared/provider-socket.js';

export interface DeepgramSttStreamOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly WebSocket: WebSocketConstructor;
  readonly keepAliveIntervalMs: number;
  /** How long to wait for Deepgram to close after CloseStream before giving up. */
  readonly closeTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Upper bound of audio held while connecting; the oldest audio is dropped past it. */
  readonly maxBufferedBytes: number;
  /**
   * Audio is sent in chunks of at least this many bytes (Deepgram recommends 20–100 ms). Fewer,
   * larger frames cost far less per call; `finalize()` and `close()` flush the rest first, so the
   * end of an utterance is never held back.
   */
  readonly sendChunkBytes: number;
  readonly abortSignal?: AbortSignal;
  readonly logger: Logger;
}

type State = 'connecting' | 'open' | 'closing' | 'closed';

/**
 * One live `/v1/listen` connection. Created before the socket opens so audio written early is
 * held (bounded) and sent in order once it opens.
 */
export class DeepgramSttStream implements SttStreamV1 {
  readonly parts: ReadableStream<SttStreamPart>;
  readonly #options: DeepgramSttStreamOptions;
  readonly #channel: PartsChannel<SttStreamPart>;
  #state: State = 'connecting';
  #socket: WebSocket | undefined;
  #pending: Array<Uint8Array | string> = [];
  readonly #chunk: Uint8Array;
  #chunkLength = 0;
  #pendingBytes = 0;
  #droppedWarned = false;
  #lastSentAt = Date.now();
  #keepAliveTimer: NodeJS.Timeout | undefined;
  #closeTimer: NodeJS.Timeout | undefined;
  #errorReported = false;
  readonly #onAbort = (): void => this.#shutDown();

  constructor(options: DeepgramSttStreamOptions) {
    this.#chunk = new Uint8Array(Math.max(1, options.sendChunkBytes));
    this.#options = options;
    this.#channel = new PartsChannel<SttStreamPart>(() => this.#shutDown());
    this.parts = this.#channel.readable;
  }

  /** Opens the socket; rejects with a ProviderError when Deepgram cannot be reached. */
  async connect(): Promise<void> {
    const options = this.#options;
    let opened: OpenSocket;
    try {
      opened = await openProviderSocket({
        provider: 'deepgram',
        displayName: 'Deepgram',
        url: options.url,
        headers: options.headers,
        WebSocket: options.WebSocket,
        connectTimeoutMs: options.connectTimeoutMs,
        abortSignal: options.abortSignal,
      });
    } catch (error) {
      this.#state = 'closed';
      this.#channel.end({ type: 'finish' });
      throw error;
    }
    const socket = opened.socket;
    this.#socket = socket;
    opened.attach({
      message: (data, isBinary) => this.#onMessage(data, isBinary),
      close: (code, reason) => this.#onClose(code, reason),
    });
    options.abortSignal?.addEventListener('abort', this.#onAbort, { once: true });
    if (this.#state === 'closed') {
      socket.close(1000);
      return;
    }
    const closeRequested = this.#state === 'closing';
    this.#state = closeRequested ? 'closing' : 'open';
    for (const item of this.#pending) socket.send(item);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#lastSentAt = Date.now();
    if (closeRequested) this.#startCloseTimer();
    else this.#startKeepAlive();
  }

  write(audio: Uint8Array): void {
    if (this.#state === 'open') {
      for (let offset = 0; offset < audio.length;) {
        const take = Math.min(audio.length - offset, this.#chunk.length - this.#chunkLength);
        this.#chunk.set(audio.subarray(offset, offset + take), this.#chunkLength);
        this.#chunkLength += take;
        offset += take;
        if (this.#chunkLength >= this.#chunk.length) this.#flushChunk();
      }
      return;
    }
    if (this.#state !== 'connecting') return;
    // Copy: the caller may reuse its buffer before the socket opens.
    this.#pending.push(audio.slice());
    this.#pendingBytes += audio.byteLength;
    while (this.#pendingBytes > this.#options.maxBufferedBytes) {
      const dropped = this.#pending.findIndex((item) => typeof item !== 'string');
      if (dropped < 0) break;
      const [item] = this.#pending.splice(dropped, 1);
      this.#pendingBytes -= typeof item === 'string' || item === undefined ? 0 : item.byteLength;
      if (!this.#droppedWarned) {
        this.#droppedWarned = true;
        this.#options.logger.warn(
          { maxBufferedBytes: this.#options.maxBufferedBytes },
          'Deepgram buffer full while connecting, dropping oldest audio',
        );
      }
    }
  }

  finalize(): void {
    this.#flushChunk();
    this.#sendControl('Finalize');
  }

  close(): void {
    if (this.#state === 'closing' || this.#state === 'closed') return;
    this.#flushChunk();
    this.#sendControl('CloseStream');
    const wasOpen = this.#state === 'open';
    this.#state = 'closing';
    this.#stopKeepAlive();
    if (wasOpen) this.#startCloseTimer();
  }

  #flushChunk(): void {
    if (this.#chunkLength === 0 || this.#state !== 'open') return;
    // ws copies nothing until the write; send a copy so the buffer can be refilled at once.
    if (sendIfOpen(this.#socket, this.#chunk.slice(0, this.#chunkLength)))
      this.#lastSentAt = Date.now();
    this.#chunkLength = 0;
  }

  #sendControl(type: 'Finalize' | 'CloseStream' | 'KeepAlive'): void {
    const text = JSON.stringify({ type });
    if (this.#state === 'connecting') this.#pending.push(text);
    else if (this.#state === 'open' && sendIfOpen(this.#socket, text))
      this.#lastSentAt = Date.now();
  }

  #startKeepAlive(): void {
    const interval = this.#options.keepAliveIntervalMs;
    if (interval <= 0) return;
    // Ticking at half the interval keeps the longest silent gap near 1.5 intervals (< 10 s).
    this.#keepAliveTimer = setInterval(
      () => {
        if (this.#state === 'open' && Date.now() - this.#lastSentAt >= interval)
          this.#sendControl('KeepAlive');
      },
      Math.max(10, Math.floor(interval / 2)),
    );
  }

  #stopKeepAlive(): void {
    clearInterval(this.#keepAliveTimer);
    this.#keepAliveTimer = undefined;
  }

  #startCloseTimer(): void {
    this.#closeTimer = setTimeout(() => {
      this.#options.logger.warn(
        { closeTimeoutMs: this.#options.closeTimeoutMs },
        'Deepgram did not close after CloseStream',
      );
      this.#socket?.terminate();
    }, this.#options.closeTimeoutMs);
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    const message = parseJsonObject(rawDataToText(data));
    if (message === undefined) {
      this.#options.logger.warn('Deepgram sent a frame that is not a JSON object, ignoring it');
      return;
    }
    const event = mapDeepgramListenMessage(message);
    if (event.ignoredType !== undefined) {
      this.#options.logger.debug({ messageType: event.ignoredType }, 'Deepgram message ignored');
    }
    if (event.isError === true) this.#errorReported = true;
    for (const part of event.parts) this.#channel.push(part);
  }

  #onClose(code: number, reason: string): void {
    const expected = this.#state === 'closed' || (this.#state === 'closing' && code === 1000);
    this.#state = 'closed';
    this.#clearTimers();
    if (!expected && !this.#errorReported) {
      this.#options.logger.warn({ code, reason }, 'Deepgram connection closed unexpectedly');
      this.#channel.push({ type: 'error', error: errorFromDeepgramClose(code, reason) });
    }
    this.#channel.end({ type: 'finish' });
  }

  /** Abort or consumer cancel: close at once and end the parts without waiting. */
  #shutDown(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#clearTimers();
    this.#socket?.close(1000);
    this.#channel.end({ type: 'finish' });
  }

  #clearTimers(): void {
    this.#stopKeepAlive();
    clearTimeout(this.#closeTimer);
    this.#options.abortSignal?.removeEventListener('abort', this.#onAbort);
  }
}
