import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { RawData, WebSocket } from 'ws';
import {
  parseRecordedText,
  toBuffer,
  type FakeConnectionRecord,
} from '../shared/fake-socket-server.js';
import { fakeModelUuid } from './fake-deepgram-results.js';

export interface FakeSpeakBehaviour {
  /** Delay before the first audio of each Flush. */
  readonly firstByteMs: number;
  /** Bytes per binary audio frame (800 = 100 ms of μ-law 8 kHz). */
  readonly chunkBytes: number;
  readonly synthesize: (text: string) => Promise<Uint8Array> | Uint8Array;
}

/**
 * One Aura `/v1/speak` connection: Speak buffers text, Flush synthesizes it into binary μ-law
 * frames followed by `Flushed`, Clear drops buffered text and unsent audio and answers `Cleared`,
 * Close closes the socket.
 */
export class FakeSpeakSession {
  readonly #socket: WebSocket;
  readonly #record: FakeConnectionRecord;
  readonly #behaviour: FakeSpeakBehaviour;
  #buffer = '';
  #sequenceId = 0;
  /** Bumped by Clear; a flush started under an older generation stops sending. */
  #generation = 0;
  #chain: Promise<void> = Promise.resolve();

  constructor(socket: WebSocket, record: FakeConnectionRecord, behaviour: FakeSpeakBehaviour) {
    this.#socket = socket;
    this.#record = record;
    this.#behaviour = behaviour;
    socket.on('message', (data: RawData, isBinary: boolean) => this.#onMessage(data, isBinary));
    this.#sendJson({
      type: 'Metadata',
      request_id: randomUUID(),
      model_name: record.query['model'] ?? 'aura-2-thalia-en',
      model_version: '2025-01-01.0',
      model_uuid: fakeModelUuid,
    });
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.#sendJson({
        type: 'Warning',
        description: 'binary frames are not accepted on /v1/speak',
        code: 'INVALID_MESSAGE',
      });
      return;
    }
    const message = parseRecordedText(toBuffer(data).toString('utf8'));
    this.#record.received.push(message);
    const record =
      typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {};
    switch (record['type']) {
      case 'Speak':
        if (typeof record['text'] === 'string') this.#buffer += record['text'];
        return;
      case 'Flush':
        this.#flush();
        return;
      case 'Clear':
        this.#generation += 1;
        this.#buffer = '';
        this.#sequenceId += 1;
        this.#sendJson({ type: 'Cleared', sequence_id: this.#sequenceId });
        return;
      case 'Close':
        this.#socket.close(1000);
        return;
      default:
        this.#sendJson({
          type: 'Warning',
          description: 'unknown message type',
          code: 'UNKNOWN_MESSAGE_TYPE',
        });
    }
  }

  #flush(): void {
    const text = this.#buffer;
    this.#buffer = '';
    const generation = this.#generation;
    this.#sequenceId += 1;
    const sequenceId = this.#sequenceId;
    this.#chain = this.#chain
      .then(async () => {
        if (this.#behaviour.firstByteMs > 0) await delay(this.#behaviour.firstByteMs);
        const audio =
          text.trim() === '' ? new Uint8Array(0) : await this.#behaviour.synthesize(text);
        for (let offset = 0; offset < audio.length; offset += this.#behaviour.chunkBytes) {
          if (generation !== this.#generation) return;
          this.#sendBytes(audio.subarray(offset, offset + this.#behaviour.chunkBytes));
        }
        if (generation === this.#generation)
          this.#sendJson({ type: 'Flushed', sequence_id: sequenceId });
      })
      .catch(() => {
        this.#sendJson({
          type: 'Error',
          err_code: 'SYNTHESIS_FAILED',
          err_msg: 'fake synthesis failed',
          description: 'fake synthesis failed',
        });
      });
  }

  #sendBytes(bytes: Uint8Array): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(bytes);
  }

  #sendJson(message: Record<string, unknown>): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(JSON.stringify(message));
  }
}
