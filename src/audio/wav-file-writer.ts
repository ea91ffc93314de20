import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { Logger } from '../logging/logger.js';
import { silentLogger } from '../logging/logger.js';
import { int16ToBytesLE } from './pcm.js';
import { WAV_HEADER_BYTES, createWavHeader, interleaveChannels } from './wav.js';
import { repairWavHeader } from './wav-header-repair.js';
import type { WavRepairResult } from './wav-header-repair.js';

/** Settings of a {@link WavFileWriter}. */
export interface WavFileWriterOptions {
  readonly sampleRate: number;
  /** 1 for mono, 2 for stereo (say caller left, agent right). */
  readonly channelCount: 1 | 2;
  /** Audio gathered in memory before it is written; default 64 KiB. */
  readonly batchBytes?: number;
  /** Longest time audio waits in memory before being written; default 1000 ms. */
  readonly flushIntervalMs?: number;
  readonly logger?: Logger;
}

/**
 * Streams a PCM16 WAV file to disk, for call recordings. `write` only copies the samples into
 * memory; batches go to disk in the background, one write at a time, so a slow disk never stalls
 * the audio path. `close` writes what is left and patches the RIFF and data sizes. A file left
 * with zero sizes by a crash can be fixed with {@link WavFileWriter.repairWavHeader}.
 *
 * @example
 * const recording = await WavFileWriter.open('/data/calls/abc.wav', { sampleRate: 8000, channelCount: 2 });
 * recording.write([callerFrame, agentFrame]);
 * await recording.close();
 */
export class WavFileWriter {
  readonly path: string;
  readonly sampleRate: number;
  readonly channelCount: 1 | 2;
  readonly #handle: FileHandle;
  readonly #logger: Logger;
  readonly #batchBytes: number;
  readonly #flushIntervalMs: number;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** Bytes on disk after the header. */
  #dataBytes = 0;
  #acceptedBytes = 0;
  #writing: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #error: unknown;
  #closing: Promise<void> | undefined;
  #warnedLate = false;

  private constructor(path: string, handle: FileHandle, options: WavFileWriterOptions) {
    this.path = path;
    this.#handle = handle;
    this.sampleRate = options.sampleRate;
    this.channelCount = options.channelCount;
    this.#logger = options.logger ?? silentLogger;
    this.#batchBytes = options.batchBytes ?? 64 * 1024;
    this.#flushIntervalMs = options.flushIntervalMs ?? 1000;
  }

  /** Creates (or truncates) the file and writes a header with zero sizes. */
  static async open(path: string, options: WavFileWriterOptions): Promise<WavFileWriter> {
    if (options.channelCount !== 1 && options.channelCount !== 2) {
      throw new SwitchboardError(
        `WavFileWriter: channelCount must be 1 or 2, got ${String(options.channelCount)}`,
        {
          code: 'invalid_argument',
        },
      );
    }
    if (!Number.isInteger(options.sampleRate) || options.sampleRate <= 0) {
      throw new SwitchboardError(
        `WavFileWriter: sampleRate ${options.sampleRate} is not a positive integer`,
        {
          code: 'invalid_argument',
        },
      );
    }
    const handle = await open(path, 'w');
    try {
      await handle.write(
        createWavHeader(options.channelCount, options.sampleRate, 0),
        0,
        WAV_HEADER_BYTES,
        0,
      );
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new WavFileWriter(path, handle, options);
  }

  /** Fixes the sizes in the header of a recording whose writer never closed. */
  static repairWavHeader(path: string): Promise<WavRepairResult> {
    return repairWavHeader(path);
  }

  /** Bytes of audio accepted so far, on disk or on the way (audio dropped after an error aside). */
  get dataBytes(): number {
    return this.#acceptedBytes;
  }

  /**
   * Queues one block of audio: one array per channel, equally long. Never waits for the disk.
   * After a disk error the audio is dropped (the error was logged and `close` rejects with it).
   * Audio that arrives after `close` (a frame racing the hang-up) is dropped with one warning.
   */
  write(channels: readonly Int16Array[]): void {
    if (this.#closing) {
      if (!this.#warnedLate) this.#logger.warn({ path: this.path }, 'recording write after close');
      this.#warnedLate = true;
      return;
    }
    if (channels.length !== this.channelCount) {
      throw new SwitchboardError(
        `WavFileWriter: got ${channels.length} channels for a ${this.channelCount}-channel file`,
        { code: 'invalid_argument' },
      );
    }
    const bytes = int16ToBytesLE(interleaveChannels(channels));
    if (this.#error !== undefined || bytes.length === 0) return;
    this.#acceptedBytes += bytes.length;
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    if (this.#pendingBytes >= this.#batchBytes) this.#startWriting();
    else this.#timer ??= setTimeout(() => this.#startWriting(), this.#flushIntervalMs).unref();
  }

  /**
   * Resolves once everything queued so far is on disk (the header still states zero sizes until
   * `close`). Never rejects; a disk error is reported by `close`.
   */
  async flush(): Promise<void> {
    this.#startWriting();
    while (this.#writing) await this.#writing;
  }

  /** Writes what is queued, patches the header and closes the file. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.#finish();
    return this.#closing;
  }

  async #finish(): Promise<void> {
    try {
      await this.flush();
      if (this.#error === undefined) {
        const header = createWavHeader(this.channelCount, this.sampleRate, this.#dataBytes);
        await this.#handle.write(header, 0, WAV_HEADER_BYTES, 0).catch((error: unknown) => {
          this.#error = error;
        });
      }
    } finally {
      await this.#handle.close().catch((error: unknown) => {
        this.#error ??= error;
      });
    }
    if (this.#error !== undefined) {
      throw new SwitchboardError(`WavFileWriter: could not write ${this.path}`, {
        code: 'wav_write_failed',
        cause: this.#error,
      });
    }
  }

  #startWriting(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#writing || this.#pendingBytes === 0) return;
    this.#writing = this.#drain().finally(() => {
      this.#writing = undefined;
      // Audio that arrived while the last batch was on its way to disk.
      if (this.#pendingBytes > 0) this.#startWriting();
    });
  }

  /** Writes batches until the queue is empty; only ever one of these runs. */
  async #drain(): Promise<void> {
    while (this.#pendingBytes > 0 && this.#error === undefined) {
      const batch = Buffer.concat(this.#pending, this.#pendingBytes);
      this.#pending = [];
      this.#pendingBytes = 0;
      try {
        await this.#handle.write(batch, 0, batch.length, WAV_HEADER_BYTES + this.#dataBytes);
        this.#dataBytes += batch.length;
      } catch (error) {
        this.#error = error;
        this.#logger.error({ err: error, path: this.path }, 'recording write failed');
      }
    }
    this.#pending = [];
    this.#pendingBytes = 0;
  }
}
