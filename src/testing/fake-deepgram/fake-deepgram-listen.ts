import type { RawData, WebSocket } from 'ws';
import {
  parseRecordedText,
  toBuffer,
  type FakeConnectionRecord,
} from '../shared/fake-socket-server.js';
import {
  buildListenMetadata,
  buildResults,
  buildSpeechStarted,
  buildUtteranceEnd,
  newRequestId,
} from './fake-deepgram-results.js';
import { mulawMeanAbsolute } from './mulaw.js';
import { OrderedDelayQueue } from './ordered-delay-queue.js';

export interface FakeListenBehaviour {
  /** Text of the connection's n-th utterance. */
  readonly transcribe: (connectionIndex: number, utteranceIndex: number) => string;
  readonly resultLatencyMs: number;
  readonly inactivityTimeoutMs: number;
  /** Mean absolute PCM16 amplitude of a 20 ms frame that counts as speech. */
  readonly energyThreshold: number;
  /** Speech shorter than this is noise: it ends with an empty final and consumes no script line. */
  readonly minSpeechMs: number;
}

const frameBytes = 160;
const frameMs = 20;
const msPerInterimWord = 300;

/**
 * One `/v1/listen` connection. Time is audio time (bytes received at 8 kHz), so tests can send
 * audio faster than real time and still get faithful endpointing.
 */
export class FakeListenSession {
  readonly #socket: WebSocket;
  readonly #record: FakeConnectionRecord;
  readonly #behaviour: FakeListenBehaviour;
  readonly #requestId = newRequestId();
  readonly #endpointingMs: number | false;
  readonly #utteranceEndMs: number | undefined;
  readonly #vadEvents: boolean;
  readonly #interimResults: boolean;
  readonly #formatted: boolean;
  readonly #remainder = new Uint8Array(frameBytes);
  #remainderLength = 0;
  #samples = 0;
  #inSpeech = false;
  #utteranceStartSec = 0;
  #lastSpeechEndSec = 0;
  #speechMs = 0;
  #silenceMs = 0;
  #words: string[] | undefined;
  #interimCount = 0;
  #utteranceIndex = 0;
  #pendingUtteranceEndSec: number | undefined;
  readonly #queue = new OrderedDelayQueue();
  #closing = false;
  readonly #inactivityTimer: NodeJS.Timeout;

  constructor(socket: WebSocket, record: FakeConnectionRecord, behaviour: FakeListenBehaviour) {
    this.#socket = socket;
    this.#record = record;
    this.#behaviour = behaviour;
    const query = record.query;
    const endpointing = query['endpointing'];
    this.#endpointingMs = endpointing === 'false' ? false : Number(endpointing ?? 10) || 10;
    this.#interimResults = query['interim_results'] === 'true';
    const utteranceEnd = Number(query['utterance_end_ms']);
    this.#utteranceEndMs = this.#interimResults && utteranceEnd > 0 ? utteranceEnd : undefined;
    this.#vadEvents = query['vad_events'] === 'true';
    this.#formatted = query['smart_format'] === 'true' || query['punctuate'] === 'true';
    this.#inactivityTimer = setTimeout(() => this.#onInactive(), behaviour.inactivityTimeoutMs);
    socket.on('message', (data: RawData, isBinary: boolean) => this.#onMessage(data, isBinary));
    socket.once('close', () => {
      clearTimeout(this.#inactivityTimer);
      this.#queue.stop();
    });
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#closing) return;
    const bytes = toBuffer(data);
    if (isBinary) {
      this.#record.audioBytes += bytes.length;
      this.#inactivityTimer.refresh();
      this.#onAudio(bytes);
      return;
    }
    const message = parseRecordedText(bytes.toString('utf8'));
    this.#record.received.push(message);
    const type =
      typeof message === 'object' && message !== null
        ? (message as Record<string, unknown>)['type']
        : undefined;
    if (type === 'KeepAlive') this.#inactivityTimer.refresh();
    else if (type === 'Finalize') {
      this.#inactivityTimer.refresh();
      this.#endUtterance({ speechFinal: false, fromFinalize: true });
    } else if (type === 'CloseStream') this.#closeStream();
  }

  #onAudio(bytes: Uint8Array): void {
    let offset = 0;
    if (this.#remainderLength > 0) {
      const take = Math.min(frameBytes - this.#remainderLength, bytes.length);
      this.#remainder.set(bytes.subarray(0, take), this.#remainderLength);
      this.#remainderLength += take;
      offset = take;
      if (this.#remainderLength < frameBytes) return;
      this.#onFrame(this.#remainder, 0);
      this.#remainderLength = 0;
    }
    for (; offset + frameBytes <= bytes.length; offset += frameBytes) this.#onFrame(bytes, offset);
    const rest = bytes.length - offset;
    if (rest > 0) {
      this.#remainder.set(bytes.subarray(offset), 0);
      this.#remainderLength = rest;
    }
  }

  #onFrame(bytes: Uint8Array, offset: number): void {
    const frameStartSec = this.#samples / 8000;
    this.#samples += frameBytes;
    const frameEndSec = this.#samples / 8000;
    const isSpeech =
      mulawMeanAbsolute(bytes, offset, offset + frameBytes) >= this.#behaviour.energyThreshold;
    if (isSpeech) {
      if (!this.#inSpeech) this.#startUtterance(frameStartSec);
      this.#speechMs += frameMs;
      this.#silenceMs = 0;
      this.#lastSpeechEndSec = frameEndSec;
      this.#maybeSendInterim();
      return;
    }
    if (this.#inSpeech) {
      this.#silenceMs += frameMs;
      if (this.#endpointingMs !== false && this.#silenceMs >= this.#endpointingMs) {
        this.#endUtterance({ speechFinal: true, fromFinalize: false });
      } else if (
        this.#endpointingMs === false &&
        this.#utteranceEndMs !== undefined &&
        this.#silenceMs >= this.#utteranceEndMs
      ) {
        this.#endUtterance({ speechFinal: false, fromFinalize: false });
      }
      return;
    }
    const pending = this.#pendingUtteranceEndSec;
    if (
      pending !== undefined &&
      this.#utteranceEndMs !== undefined &&
      (frameEndSec - pending) * 1000 >= this.#utteranceEndMs
    ) {
      this.#pendingUtteranceEndSec = undefined;
      this.#send(buildUtteranceEnd(pending), 0);
    }
  }

  #startUtterance(startSec: number): void {
    this.#inSpeech = true;
    this.#utteranceStartSec = startSec;
    this.#speechMs = 0;
    this.#silenceMs = 0;
    this.#words = undefined;
    this.#interimCount = 0;
    this.#pendingUtteranceEndSec = undefined;
    if (this.#vadEvents) this.#send(buildSpeechStarted(startSec), 0);
  }

  #maybeSendInterim(): void {
    if (!this.#interimResults || this.#speechMs < this.#behaviour.minSpeechMs) return;
    const words = this.#takeWords();
    const count = Math.min(words.length, Math.floor(this.#speechMs / msPerInterimWord));
    if (count <= this.#interimCount) return;
    this.#interimCount = count;
    this.#sendResults(words.slice(0, count), {
      isFinal: false,
      speechFinal: false,
      fromFinalize: false,
    });
  }

  #takeWords(): string[] {
    if (this.#words === undefined) {
      const text = this.#behaviour.transcribe(this.#record.index, this.#utteranceIndex);
      this.#utteranceIndex += 1;
      this.#words = text.split(/\s+/).filter((word) => word !== '');
    }
    return this.#words;
  }

  #endUtterance(flags: { speechFinal: boolean; fromFinalize: boolean }): void {
    const hadSpeech = this.#inSpeech && this.#speechMs >= this.#behaviour.minSpeechMs;
    const words = hadSpeech ? this.#takeWords() : [];
    this.#inSpeech = false;
    this.#sendResults(words, { isFinal: true, ...flags });
    if (words.length > 0) this.#pendingUtteranceEndSec = this.#lastSpeechEndSec;
  }

  #sendResults(
    words: readonly string[],
    flags: { isFinal: boolean; speechFinal: boolean; fromFinalize: boolean },
  ): void {
    const endSec = words.length === 0 ? this.#samples / 8000 : this.#lastSpeechEndSec;
    const startSec = words.length === 0 ? endSec : this.#utteranceStartSec;
    this.#send(
      buildResults({
        requestId: this.#requestId,
        words,
        startSec,
        endSec,
        formatted: this.#formatted,
        ...flags,
      }),
      this.#behaviour.resultLatencyMs,
    );
  }

  #closeStream(): void {
    if (this.#inSpeech) this.#endUtterance({ speechFinal: false, fromFinalize: false });
    this.#closing = true;
    this.#send(buildListenMetadata(this.#requestId, this.#samples / 8000), 0);
    this.#queue.run(0, () => this.#socket.close(1000));
  }

  #onInactive(): void {
    this.#closing = true;
    this.#socket.close(1011, 'NET-0001: no audio or KeepAlive received within the timeout window');
  }

  /** Sends in order: a message never overtakes one queued before it with a longer delay. */
  #send(message: Record<string, unknown>, delayMs: number): void {
    const text = JSON.stringify(message);
    this.#queue.run(delayMs, () => {
      if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(text);
    });
  }
}
