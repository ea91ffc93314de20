/**
 * Re-cuts a byte stream of PCM16 into pieces that hold whole samples. Network chunks can end in
 * the middle of a sample; the odd byte is held and prefixed to the next chunk.
 */
export class Pcm16Aligner {
  #carry: number | undefined;

  /** Returns the whole samples available so far (possibly empty). Always a fresh copy. */
  push(chunk: Uint8Array): Uint8Array {
    const carried = this.#carry === undefined ? 0 : 1;
    const total = carried + chunk.byteLength;
    const whole = total - (total % 2);
    const out = new Uint8Array(whole);
    if (whole > 0) {
      if (this.#carry !== undefined) out[0] = this.#carry;
      out.set(chunk.subarray(0, whole - carried), carried);
    }
    if (total % 2 === 1) {
      this.#carry =
        whole === 0 && this.#carry !== undefined ? this.#carry : chunk[chunk.byteLength - 1];
    } else {
      this.#carry = undefined;
    }
    return out;
  }

  /** True when a byte is still waiting for its pair (at the end of a body, that is a server bug). */
  get hasRemainder(): boolean {
    return this.#carry !== undefined;
  }

  reset(): void {
    this.#carry = undefined;
  }
}
