import { setTimeout as delay } from 'node:timers/promises';
import type { RawData, WebSocket } from 'ws';
import {
  parseRecordedText,
  toBuffer,
  type FakeConnectionRecord,
} from '../shared/fake-socket-server.js';

export interface FakeElevenLabsBehaviour {
  readonly apiKey: string | undefined;
  readonly voices: readonly string[] | undefined;
  readonly firstByteDelayMs: number;
  readonly inactivityTimeoutMs: number;
  /** Bytes of μ-law per audio message (800 = 100 ms). */
  readonly chunkBytes: number;
  readonly synthesize: (text: string) => Promise<Uint8Array> | Uint8Array;
}

const defaultSchedule = [120, 160, 250, 290];

/**
 * One `stream-input` connection: init first, text buffered until the chunk schedule or a flush,
 * audio as base64 μ-law with alignment, `isFinal` after the empty-text close.
 */
export class FakeElevenLabsSession {
  readonly #socket: WebSocket;
  readonly #record: FakeConnectionRecord;
  readonly #behaviour: FakeElevenLabsBehaviour;
  #initialized = false;
  #schedule: readonly number[] = defaultSchedule;
  #generations = 0;
  #buffer = '';
  #closing = false;
  #chain: Promise<void> = Promise.resolve();
  readonly #inactivityTimer: NodeJS.Timeout;

  constructor(
    socket: WebSocket,
    record: FakeConnectionRecord,
    voiceId: string,
    behaviour: FakeElevenLabsBehaviour,
  ) {
    this.#socket = socket;
    this.#record = record;
    this.#behaviour = behaviour;
    const timeoutSeconds = Number(record.query['inactivity_timeout']);
    const timeoutMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : behaviour.inactivityTimeoutMs;
    this.#inactivityTimer = setTimeout(
      () =>
        this.#fail(
          'input_timeout_exceeded',
          `Have not received a new text input within the timeout of ${timeoutMs / 1000} seconds.`,
        ),
      timeoutMs,
    );
    socket.once('close', () => clearTimeout(this.#inactivityTimer));
    socket.on('message', (data: RawData, isBinary: boolean) => this.#onMessage(data, isBinary));
    if (
      !/^[A-Za-z0-9]{20}$/.test(voiceId) ||
      (behaviour.voices !== undefined && !behaviour.voices.includes(voiceId))
    ) {
      this.#fail(
        'voice_not_found',
        `A voice with the voice_id ${voiceId.slice(0, 40)} was not found.`,
      );
    } else if (record.query['output_format'] !== 'ulaw_8000') {
      this.#fail('invalid_output_format', 'The fake supports only output_format=ulaw_8000.');
    }
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#closing) return;
    const message = parseRecordedText(toBuffer(data).toString('utf8'));
    this.#record.received.push(message);
    this.#inactivityTimer.refresh();
    if (isBinary || typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.#fail('invalid_message', 'Messages must be JSON objects.');
      return;
    }
    const fields = message as Record<string, unknown>;
    const text = fields['text'];
    if (typeof text !== 'string') {
      this.#fail('invalid_message', 'Every message needs a text field.');
      return;
    }
    if (!this.#initialized) {
      this.#initialize(fields, text);
      return;
    }
    if (text === '') {
      this.#closing = true;
      this.#generate();
      this.#chain = this.#chain.then(() => {
        this.#sendJson({ audio: null, isFinal: true, normalizedAlignment: null, alignment: null });
        this.#socket.close(1000);
      });
      return;
    }
    this.#buffer += text;
    const threshold = this.#schedule[Math.min(this.#generations, this.#schedule.length - 1)] ?? 120;
    const trigger = fields['try_trigger_generation'] === true && this.#buffer.trim().length >= 50;
    if (fields['flush'] === true || trigger || this.#buffer.length >= threshold) this.#generate();
  }

  #initialize(fields: Record<string, unknown>, text: string): void {
    if (text !== ' ') {
      this.#fail('invalid_request', 'The first message must be the initial message with text " ".');
      return;
    }
    const headerKey = this.#record.headers['xi-api-key'];
    const key =
      headerKey ?? (typeof fields['xi_api_key'] === 'string' ? fields['xi_api_key'] : undefined);
    if (this.#behaviour.apiKey !== undefined && key !== this.#behaviour.apiKey) {
      this.#fail('invalid_api_key', 'Invalid API key.');
      return;
    }
    const config = fields['generation_config'];
    const schedule =
      typeof config === 'object' && config !== null
        ? (config as Record<string, unknown>)['chunk_length_schedule']
        : undefined;
    if (schedule !== undefined) {
      const valid =
        Array.isArray(schedule) &&
        schedule.length > 0 &&
        schedule.every((value) => typeof value === 'number' && value >= 50 && value <= 500);
      if (!valid) {
        this.#fail('invalid_request', 'chunk_length_schedule values must be between 50 and 500.');
        return;
      }
      this.#schedule = schedule as number[];
    }
    this.#initialized = true;
  }

  #generate(): void {
    const text = this.#buffer.trim();
    this.#buffer = '';
    if (text === '') return;
    this.#generations += 1;
    this.#chain = this.#chain.then(async () => {
      if (this.#behaviour.firstByteDelayMs > 0) await delay(this.#behaviour.firstByteDelayMs);
      let audio: Uint8Array;
      try {
        audio = await this.#behaviour.synthesize(text);
      } catch {
        this.#fail('synthesis_failed', 'The fake synthesize hook failed.');
        return;
      }
      this.#sendAudio(text, audio);
    });
  }

  /** Audio in ~100 ms messages; each names the characters that start inside it. */
  #sendAudio(text: string, audio: Uint8Array): void {
    const chunkBytes = this.#behaviour.chunkBytes;
    const msPerByte = 1 / 8;
    const characterMs = text.length === 0 ? 0 : (audio.length * msPerByte) / text.length;
    for (let offset = 0; offset < audio.length; offset += chunkBytes) {
      const chunk = audio.subarray(offset, offset + chunkBytes);
      const chunkStartMs = offset * msPerByte;
      const chunkEndMs = chunkStartMs + chunk.length * msPerByte;
      const alignment = {
        chars: [] as string[],
        charStartTimesMs: [] as number[],
        charsDurationsMs: [] as number[],
      };
      for (
        let index = Math.ceil(chunkStartMs / characterMs);
        index * characterMs < chunkEndMs && index < text.length;
        index += 1
      ) {
        alignment.chars.push(text[index] ?? ' ');
        alignment.charStartTimesMs.push(Math.round(index * characterMs - chunkStartMs));
        alignment.charsDurationsMs.push(Math.round(characterMs));
      }
      this.#sendJson({
        audio: Buffer.from(chunk).toString('base64'),
        isFinal: null,
        normalizedAlignment: alignment,
        alignment,
      });
    }
  }

  #fail(error: string, message: string): void {
    this.#closing = true;
    this.#sendJson({ message, error, code: 1008 });
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.close(1008, error);
  }

  #sendJson(message: Record<string, unknown>): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(JSON.stringify(message));
  }
}
