/** Mono PCM16 audio read from a WAV file. */
export interface WavAudio {
  readonly samples: Int16Array;
  readonly sampleRate: number;
}

/**
 * Reads a RIFF/WAVE file holding mono 16-bit PCM, the only kind Flite writes. Chunks other than
 * `fmt ` and `data` are skipped; a `data` size larger than the file (written by streaming
 * encoders) is clamped to what is there. Throws `Error` on anything else; callers wrap it.
 */
export function parseWav(bytes: Uint8Array): WavAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let sampleRate: number | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = ascii(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.byteLength) throw new Error('WAV fmt chunk is truncated');
      const format = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const bitsPerSample = view.getUint16(body + 14, true);
      // 0xfffe (extensible) may still carry plain PCM; trust the bit depth and channel count.
      if ((format !== 1 && format !== 0xfffe) || channels !== 1 || bitsPerSample !== 16) {
        throw new Error(
          `unsupported WAV format ${format}, ${channels} channels, ${bitsPerSample} bits`,
        );
      }
      sampleRate = view.getUint32(body + 4, true);
    } else if (id === 'data') {
      if (sampleRate === undefined) throw new Error('WAV data chunk comes before fmt');
      const end = Math.min(body + size, bytes.byteLength);
      const count = Math.floor((end - body) / 2);
      const samples = new Int16Array(count);
      for (let index = 0; index < count; index += 1) {
        samples[index] = view.getInt16(body + index * 2, true);
      }
      return { samples, sampleRate };
    }
    // Chunks are padded to an even length.
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

function ascii(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}
