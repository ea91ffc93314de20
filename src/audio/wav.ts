import { SwitchboardError } from '../errors/switchboard-error.js';
import { alawDecode, mulawDecode } from './g711.js';
import { bytesLEToInt16, int16ToBytesLE } from './pcm.js';

/** Bytes in the canonical header that {@link encodeWav} and the file writer produce. */
export const WAV_HEADER_BYTES = 44;

/** Decoded WAV audio: one PCM16 array per channel, all the same length. */
export interface WavAudio {
  readonly sampleRate: number;
  readonly channels: Int16Array[];
}

const FORMAT_PCM = 1;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;
const FORMAT_NAMES: Record<number, string> = {
  2: 'ADPCM',
  3: 'IEEE float',
  0x11: 'IMA ADPCM',
  0x55: 'MP3',
};

function invalid(message: string, code = 'wav_invalid'): SwitchboardError {
  return new SwitchboardError(`WAV: ${message}`, { code });
}

function checkChannels(channels: readonly Int16Array[], where: string): void {
  if (channels.length !== 1 && channels.length !== 2) {
    throw invalid(`${where} takes 1 or 2 channels, got ${channels.length}`, 'invalid_argument');
  }
  if (channels.length === 2 && channels[0]!.length !== channels[1]!.length) {
    throw invalid(
      `${where}: channels differ in length (${channels[0]!.length} and ${channels[1]!.length} samples)`,
      'invalid_argument',
    );
  }
}

/** Interleaves one or two equally long channels into frames (L R L R …); mono comes back as is. */
export function interleaveChannels(channels: readonly Int16Array[]): Int16Array {
  checkChannels(channels, 'interleaveChannels');
  const [left, right] = channels as [Int16Array, Int16Array | undefined];
  if (right === undefined) return left;
  const frames = new Int16Array(left.length * 2);
  for (let index = 0; index < left.length; index++) {
    frames[2 * index] = left[index]!;
    frames[2 * index + 1] = right[index]!;
  }
  return frames;
}

/**
 * The canonical 44-byte header of a PCM16 WAV. Sizes past the 4 GiB a RIFF file can state are
 * capped; readers that meet a capped size read to the end of the file instead.
 */
export function createWavHeader(
  channelCount: number,
  sampleRate: number,
  dataBytes: number,
): Uint8Array {
  const header = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let index = 0; index < text.length; index++)
      header[offset + index] = text.charCodeAt(index);
  };
  const blockAlign = channelCount * 2;
  ascii(0, 'RIFF');
  view.setUint32(4, Math.min(0xffffffff, 36 + dataBytes), true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, Math.min(0xffffffff, dataBytes), true);
  return header;
}

/** A whole PCM16 WAV file (mono, or stereo with `channels[0]` on the left) in memory. */
export function encodeWav(
  channels: readonly Int16Array[],
  sampleRate: number,
): Uint8Array<ArrayBuffer> {
  checkChannels(channels, 'encodeWav');
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
    throw invalid(
      `encodeWav: sample rate ${sampleRate} is not a positive integer`,
      'invalid_argument',
    );
  }
  const data = int16ToBytesLE(interleaveChannels(channels));
  const file = new Uint8Array(WAV_HEADER_BYTES + data.length);
  file.set(createWavHeader(channels.length, sampleRate, data.length));
  file.set(data, WAV_HEADER_BYTES);
  return file;
}

interface WavFormat {
  readonly formatTag: number;
  readonly channelCount: number;
  readonly sampleRate: number;
  readonly blockAlign: number;
  readonly bitsPerSample: number;
}

function readFormat(view: DataView, offset: number, size: number): WavFormat {
  if (size < 16) throw invalid(`fmt chunk is ${size} bytes, needs at least 16`);
  let formatTag = view.getUint16(offset, true);
  if (formatTag === FORMAT_EXTENSIBLE) {
    if (size < 40) throw invalid(`extensible fmt chunk is ${size} bytes, needs 40`);
    // The sub-format GUID starts with the ordinary format tag.
    formatTag = view.getUint16(offset + 24, true);
  }
  return {
    formatTag,
    channelCount: view.getUint16(offset + 2, true),
    sampleRate: view.getUint32(offset + 4, true),
    blockAlign: view.getUint16(offset + 12, true),
    bitsPerSample: view.getUint16(offset + 14, true),
  };
}

function checkFormat(format: WavFormat): void {
  const { formatTag, bitsPerSample, channelCount, sampleRate, blockAlign } = format;
  const supported =
    (formatTag === FORMAT_PCM && bitsPerSample === 16) ||
    ((formatTag === FORMAT_MULAW || formatTag === FORMAT_ALAW) && bitsPerSample === 8);
  if (!supported) {
    const name = FORMAT_NAMES[formatTag] ?? (formatTag === FORMAT_PCM ? 'PCM' : 'format tag');
    throw invalid(
      `unsupported encoding ${name} ${formatTag} with ${bitsPerSample} bits; ` +
        'only 16-bit PCM and 8-bit μ-law or A-law can be read',
      'wav_unsupported',
    );
  }
  if (channelCount === 0 || sampleRate === 0) throw invalid('fmt chunk gives 0 channels or 0 Hz');
  if (blockAlign !== (channelCount * bitsPerSample) / 8) {
    throw invalid(
      `block align ${blockAlign} does not match ${channelCount} × ${bitsPerSample} bits`,
    );
  }
}

/**
 * Reads a WAV file: 16-bit PCM (plain or WAVE_FORMAT_EXTENSIBLE), or 8-bit μ-law / A-law, which
 * are decoded to PCM16. Any channel count. A data chunk whose size is 0 or runs past the end (a
 * recording cut off by a crash) is read to the end of the bytes. Anything else malformed or
 * unsupported throws a `SwitchboardError` (codes `wav_invalid`, `wav_unsupported`).
 */
export function parseWav(bytes: Uint8Array): WavAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number): string =>
    String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw invalid('not a RIFF/WAVE file');
  }
  let format: WavFormat | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + size > bytes.length) throw invalid('fmt chunk is cut off');
      format = readFormat(view, body, size);
    } else if (id === 'data') {
      if (format === undefined) throw invalid('data chunk comes before the fmt chunk');
      checkFormat(format);
      const available = bytes.length - body;
      const stated = size === 0 || size > available ? available : size;
      const frames = Math.floor(stated / format.blockAlign);
      return {
        sampleRate: format.sampleRate,
        channels: decodeData(bytes.subarray(body, body + frames * format.blockAlign), format),
      };
    }
    // Chunks are padded to an even length.
    offset = body + size + (size % 2);
  }
  throw invalid(format === undefined ? 'no fmt chunk' : 'no data chunk');
}

function decodeData(data: Uint8Array, format: WavFormat): Int16Array[] {
  const interleaved =
    format.formatTag === FORMAT_PCM
      ? bytesLEToInt16(data)
      : format.formatTag === FORMAT_MULAW
        ? mulawDecode(data)
        : alawDecode(data);
  const channelCount = format.channelCount;
  if (channelCount === 1) return [interleaved];
  const frames = interleaved.length / channelCount;
  const channels = Array.from({ length: channelCount }, () => new Int16Array(frames));
  channels.forEach((channel, channelIndex) => {
    for (let frame = 0; frame < frames; frame++)
      channel[frame] = interleaved[frame * channelCount + channelIndex]!;
  });
  return channels;
}
