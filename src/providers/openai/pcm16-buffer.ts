/**
 * Bounded FIFO of little-endian PCM16 bytes. When full it drops the oldest audio, always a whole
 * number of samples, so what is kept stays sample-aligned. A trailing odd byte waits for its pair.
 */
export class Pcm16Buffer {
  readonly #capacityBytes: number;
  #chunks: Uint8Array[] = [];
  #byteLength = 0;

  /** `capacityBytes` is rounded down to whole samples. */
  constructor(capacityBytes: number) {
    this.#capacityBytes = capacityBytes - (capacityBytes % 2);
  }

  get byteLength(): number {
    return this.#byteLength;
  }

  append(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    // Copy: the caller may reuse its buffer.
    this.#chunks.push(bytes.slice());
    this.#byteLength += bytes.byteLength;
    let excess = this.#byteLength - this.#capacityBytes;
    if (excess <= 0) return;
    excess += excess % 2;
    while (excess > 0) {
      const first = this.#chunks[0];
      if (first === undefined) break;
      if (first.byteLength <= excess) {
        this.#chunks.shift();
        excess -= first.byteLength;
        this.#byteLength -= first.byteLength;
      } else {
        this.#chunks[0] = first.subarray(excess);
        this.#byteLength -= excess;
        excess = 0;
      }
    }
  }

  /** Removes and returns every whole sample buffered so far. */
  take(): Uint8Array {
    const wholeBytes = this.#byteLength - (this.#byteLength % 2);
    const out = new Uint8Array(wholeBytes);
    let offset = 0;
    for (const chunk of this.#chunks) {
      const room = wholeBytes - offset;
      if (room <= 0) break;
      const piece = chunk.byteLength <= room ? chunk : chunk.subarray(0, room);
      out.set(piece, offset);
      offset += piece.byteLength;
    }
    const remainder = this.#byteLength - wholeBytes;
    const last = this.#chunks.at(-1);
    this.#chunks =
      remainder > 0 && last !== undefined ? [last.slice(last.byteLength - remainder)] : [];
    this.#byteLength = remainder;
    return out;
  }
}

/** Loudest absolute sample value of little-endian PCM16 bytes. */
export function peakAmplitude(pcm: Uint8Array): number {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  let peak = 0;
  for (let offset = 0; offset + 1 < pcm.byteLength; offset += 2) {
    const sample = Math.abs(view.getInt16(offset, true));
    if (sample > peak) peak = sample;
  }
  return peak;
}
