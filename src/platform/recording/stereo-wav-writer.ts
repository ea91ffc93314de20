import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { dirname } from 'node:path';
import { WAV_HEADER_BYTES, createWavHeader } from '../../audio/wav.js';

const CHANNELS = 2;
const BYTES_PER_FRAME = CHANNELS * 2;
/** Spare chunks kept for reuse; more than this were only needed while the disk lagged. */
const MAX_SPARE_CHUNKS = 8;
const IS_LITTLE_ENDIAN = endianness() === 'LE';

interface QueuedChunk {
  readonly samples: Int16Array;
  readonly frames: number;
}

/**
 * Appends interleaved 16-bit stereo frames to a WAV file without ever waiting for the disk.
 * Frames are copied into fixed-size chunks that are reused once written; `flush` hands the filled
 * chunks to one `writev` and then rewrites the header with the sizes so far, so the file on disk
 * is always a playable WAV that ends at the last flush. Writes are chained, so they land in order.
 * The first error is passed to `onError` once; everything after it is dropped.
 */
export class StereoWavWriter {
  readonly path: string;
  readonly sampleRate: number;
  readonly #onError: (error: unknown) => void;
  readonly #chunkFrames: number;
  readonly #handle: Promise<FileHandle | undefined>;
  readonly #queue: QueuedChunk[] = [];
  readonly #spare: Int16Array[] = [];
  #current: Int16Array;
  #currentFrames = 0;
  #bytesWritten = 0;
  #tail: Promise<void> = Promise.resolve();
  #failed = false;
  #closing: Promise<void> | undefined;

  constructor(path: string, sampleRate: number, onError: (error: unknown) => void) {
    this.path = path;
    this.sampleRate = sampleRate;
    this.#onError = onError;
    // A quarter of a second per chunk: a 1 s flush writes about four of them in one call.
    this.#chunkFrames = Math.max(1024, Math.ceil(sampleRate / 4));
    this.#current = new Int16Array(this.#chunkFrames * CHANNELS);
    this.#handle = this.#open();
  }

  /** Audio bytes on disk after the header (the header states exactly this many). */
  get dataBytes(): number {
    return this.#bytesWritten;
  }

  /** True once a disk error happened; nothing more is written. */
  get failed(): boolean {
    return this.#failed;
  }

  /** Interleaves `count` frames from `left[from…]` and `right[from…]` into the queue. */
  append(left: Int16Array, right: Int16Array, from: number, count: number): void {
    for (let done = 0; done < count && !this.#failed && this.#closing === undefined;) {
      const room = this.#chunkFrames - this.#currentFrames;
      const take = Math.min(room, count - done);
      const target = this.#current;
      let out = this.#currentFrames * CHANNELS;
      for (let index = from + done, end = index + take; index < end; index++) {
        target[out++] = left[index]!;
        target[out++] = right[index]!;
      }
      this.#currentFrames += take;
      done += take;
      if (this.#currentFrames === this.#chunkFrames) this.#handOff();
    }
  }

  /** Queues `count` frames of silence on both channels. */
  appendSilence(count: number): void {
    for (let done = 0; done < count && !this.#failed && this.#closing === undefined;) {
      const take = Math.min(this.#chunkFrames - this.#currentFrames, count - done);
      // Chunks come back dirty from earlier writes.
      const start = this.#currentFrames * CHANNELS;
      this.#current.fill(0, start, start + take * CHANNELS);
      this.#currentFrames += take;
      done += take;
      if (this.#currentFrames === this.#chunkFrames) this.#handOff();
    }
  }

  /** Writes everything queued so far, then the header. Never rejects. */
  flush(): Promise<void> {
    if (this.#currentFrames > 0) this.#handOff();
    this.#tail = this.#tail.then(() => this.#writeQueued());
    return this.#tail;
  }

  /** Flushes and closes the file. Safe to call twice. */
  close(): Promise<void> {
    if (this.#closing === undefined) {
      const flushed = this.flush();
      this.#closing = flushed.then(async () => {
        const handle = await this.#handle;
        await handle?.close().catch((error: unknown) => this.#fail(error));
      });
    }
    return this.#closing;
  }

  async #open(): Promise<FileHandle | undefined> {
    try {
      await mkdir(dirname(this.path), { recursive: true });
      const handle = await open(this.path, 'w');
      await handle.write(createWavHeader(CHANNELS, this.sampleRate, 0), 0, WAV_HEADER_BYTES, 0);
      return handle;
    } catch (error) {
      this.#fail(error);
      return undefined;
    }
  }

  #handOff(): void {
    this.#queue.push({ samples: this.#current, frames: this.#currentFrames });
    this.#current = this.#spare.pop() ?? new Int16Array(this.#chunkFrames * CHANNELS);
    this.#currentFrames = 0;
  }

  async #writeQueued(): Promise<void> {
    const chunks = this.#queue.splice(0);
    const handle = await this.#handle;
    if (chunks.length === 0 || handle === undefined || this.#failed) return;
    const buffers = chunks.map(({ samples, frames }) => {
      const bytes = Buffer.from(samples.buffer, samples.byteOffset, frames * BYTES_PER_FRAME);
      // WAV is little-endian; typed arrays use the host's order.
      return IS_LITTLE_ENDIAN ? bytes : bytes.swap16();
    });
    const total = chunks.reduce((sum, chunk) => sum + chunk.frames * BYTES_PER_FRAME, 0);
    try {
      const { bytesWritten } = await handle.writev(buffers, WAV_HEADER_BYTES + this.#bytesWritten);
      if (bytesWritten !== total) throw new Error(`short write: ${bytesWritten} of ${total} bytes`);
      this.#bytesWritten += total;
      const header = createWavHeader(CHANNELS, this.sampleRate, this.#bytesWritten);
      await handle.write(header, 0, WAV_HEADER_BYTES, 0);
    } catch (error) {
      this.#fail(error);
    }
    for (const { samples } of chunks) {
      if (this.#spare.length < MAX_SPARE_CHUNKS) this.#spare.push(samples);
    }
  }

  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#queue.length = 0;
    this.#onError(error);
  }
}
