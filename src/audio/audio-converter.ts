import type { AudioFormat } from './audio-frame.js';
import { alawDecode, alawEncode, mulawDecode, mulawEncode } from './g711.js';
import { createResampler } from './resampler.js';

/** Converts a stream of encoded audio chunks from one format to another, keeping state. */
export interface AudioConverter {
  /** Converts one chunk; may return an empty array while a partial sample is carried over. */
  convert(chunk: Uint8Array): Uint8Array;
  /** Returns what the resampler still holds at the end of the stream. */
  flush(): Uint8Array;
}

/** True when both formats are the same, so bytes can pass through untouched. */
export function isSameFormat(a: AudioFormat, b: AudioFormat): boolean {
  return a.encoding === b.encoding && a.sampleRate === b.sampleRate;
}

/**
 * A converter between two formats: decode → resample → encode, each step only when needed.
 * Identical formats pass through without copying, the common case for μ-law telephony.
 */
export function createAudioConverter(from: AudioFormat, to: AudioFormat): AudioConverter {
  if (isSameFormat(from, to)) {
    return { convert: (chunk) => chunk, flush: () => new Uint8Array(0) };
  }
  const resampler =
    from.sampleRate === to.sampleRate ? undefined : createResampler(from.sampleRate, to.sampleRate);
  let carry: number | undefined;

  const decode = (chunk: Uint8Array): Int16Array => {
    if (from.encoding === 'mulaw') return mulawDecode(chunk);
    if (from.encoding === 'alaw') return alawDecode(chunk);
    // linear16 chunks can split a sample across two network messages.
    let bytes = chunk;
    if (carry !== undefined) {
      bytes = new Uint8Array(chunk.length + 1);
      bytes[0] = carry;
      bytes.set(chunk, 1);
      carry = undefined;
    }
    const whole = bytes.length - (bytes.length % 2);
    if (whole < bytes.length) carry = bytes[whole];
    const samples = new Int16Array(whole / 2);
    const view = new DataView(bytes.buffer, bytes.byteOffset, whole);
    for (let index = 0; index < samples.length; index++) {
      samples[index] = view.getInt16(index * 2, true);
    }
    return samples;
  };

  const encode = (samples: Int16Array): Uint8Array => {
    if (to.encoding === 'mulaw') return mulawEncode(samples);
    if (to.encoding === 'alaw') return alawEncode(samples);
    const bytes = new Uint8Array(samples.length * 2);
    const view = new DataView(bytes.buffer);
    for (let index = 0; index < samples.length; index++) {
      view.setInt16(index * 2, samples[index] ?? 0, true);
    }
    return bytes;
  };

  return {
    convert(chunk) {
      const samples = decode(chunk);
      return encode(resampler === undefined ? samples : resampler.process(samples));
    },
    flush() {
      return resampler === undefined ? new Uint8Array(0) : encode(resampler.flush());
    },
  };
}

/**
 * Decodes encoded chunks to PCM16 at `sampleRate` (the VAD's and the recorder's view of caller
 * audio), resampling when the wire rate differs. The returned array is only valid until the next
 * call: it is reused.
 */
export function createPcmDecoder(
  from: AudioFormat,
  sampleRate: number,
): (chunk: Uint8Array) => Int16Array {
  const resampler =
    from.sampleRate === sampleRate ? undefined : createResampler(from.sampleRate, sampleRate);
  // One output buffer reused per stream: allocating a typed array per 20 ms frame costs more than
  // decoding it. Callers must copy what they keep (the VAD does).
  let buffer = new Int16Array(0);
  const output = (length: number): Int16Array => {
    if (buffer.length !== length) buffer = new Int16Array(length);
    return buffer;
  };
  const toPcm =
    from.encoding === 'mulaw'
      ? (chunk: Uint8Array) => mulawDecode(chunk, output(chunk.length))
      : from.encoding === 'alaw'
        ? (chunk: Uint8Array) => alawDecode(chunk, output(chunk.length))
        : (chunk: Uint8Array) => {
            const samples = new Int16Array(chunk.length >> 1);
            const view = new DataView(chunk.buffer, chunk.byteOffset, samples.length * 2);
            for (let index = 0; index < samples.length; index++) {
              samples[index] = view.getInt16(index * 2, true);
            }
            return samples;
          };
  return resampler === undefined ? toPcm : (chunk) => resampler.process(toPcm(chunk));
}

/** Converts a whole PCM16 clip (e.g. a synthesized sentence) to `to`, resampling as needed. */
export function convertPcmClip(
  samples: Int16Array,
  sampleRate: number,
  to: AudioFormat,
): Uint8Array {
  const converter = createAudioConverter({ encoding: 'linear16', sampleRate }, to);
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  const body = converter.convert(bytes);
  const tail = converter.flush();
  if (tail.length === 0) return body;
  const joined = new Uint8Array(body.length + tail.length);
  joined.set(body);
  joined.set(tail, body.length);
  return joined;
}
