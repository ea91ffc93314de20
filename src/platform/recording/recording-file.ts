import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { WAV_HEADER_BYTES } from '../../audio/wav.js';
import { repairWavHeader } from '../../audio/wav-header-repair.js';
import { SwitchboardError } from '../../errors/switchboard-error.js';

/** Only the first chunks matter; our recordings have a 44-byte header. */
const HEAD_BYTES = 4096;
const MAX_SIZE = 0xffffffff;

interface WavLayout {
  readonly fileBytes: number;
  readonly byteRate: number;
  readonly blockAlign: number;
  /** Offset of the data chunk's size field. */
  readonly dataSizeOffset: number;
  readonly statedDataBytes: number;
}

function invalid(path: string, reason: string): SwitchboardError {
  return new SwitchboardError(`recording ${path}: ${reason}`, { code: 'wav_invalid' });
}

async function readLayout(handle: FileHandle, path: string): Promise<WavLayout> {
  const { size } = await handle.stat();
  const head = new Uint8Array(Math.min(size, HEAD_BYTES));
  await handle.read(head, 0, head.length, 0);
  const view = new DataView(head.buffer);
  const tag = (offset: number): string => String.fromCharCode(...head.subarray(offset, offset + 4));
  if (head.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw invalid(path, 'not a RIFF/WAVE file');
  }
  let byteRate = 0;
  let blockAlign = 0;
  for (let offset = 12; offset + 8 <= head.length;) {
    const chunkSize = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (tag(offset) === 'fmt ' && body + 14 <= head.length) {
      byteRate = view.getUint32(body + 8, true);
      blockAlign = view.getUint16(body + 12, true);
    } else if (tag(offset) === 'data') {
      if (byteRate === 0 || blockAlign === 0) throw invalid(path, 'no usable fmt chunk');
      return {
        fileBytes: size,
        byteRate,
        blockAlign,
        dataSizeOffset: offset + 4,
        statedDataBytes: chunkSize,
      };
    }
    offset = body + chunkSize + (chunkSize % 2);
  }
  throw invalid(path, 'no data chunk in the first 4 KiB');
}

/** Bytes of audio actually present: the stated size, or what the file holds if that is less or 0. */
function presentDataBytes(layout: WavLayout): number {
  const available = layout.fileBytes - (layout.dataSizeOffset + 4);
  const bytes =
    layout.statedDataBytes === 0 || layout.statedDataBytes > available
      ? available
      : layout.statedDataBytes;
  return bytes - (bytes % layout.blockAlign);
}

/** Duration in ms of a WAV recording, reading only its header (a cut-off file counts to its end). */
export async function readRecordingDuration(path: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const layout = await readLayout(handle, path);
    return (presentDataBytes(layout) / layout.byteRate) * 1000;
  } finally {
    await handle.close();
  }
}

/**
 * Makes a recording left behind by a crash whole and returns its duration in ms. A file in the
 * recorder's own layout (44-byte header, data last) keeps everything written before the crash,
 * including audio after the last header update; a trailing partial frame is cut off. Any other
 * WAV is fixed with `repairWavHeader`. Throws `SwitchboardError` (`wav_invalid`) for a file that
 * is not a WAV at all, such as one cut off inside its header.
 */
export async function finalizeOrphanRecording(path: string): Promise<number> {
  const handle = await open(path, 'r+');
  try {
    const layout = await readLayout(handle, path);
    if (layout.dataSizeOffset !== WAV_HEADER_BYTES - 4) {
      await handle.close();
      await repairWavHeader(path);
      return await readRecordingDuration(path);
    }
    const available = layout.fileBytes - WAV_HEADER_BYTES;
    const partialFrame = available % layout.blockAlign;
    if (partialFrame > 0) await handle.truncate(layout.fileBytes - partialFrame);
    const dataBytes = Math.min(MAX_SIZE, available - partialFrame);
    const sizes = new DataView(new ArrayBuffer(8));
    sizes.setUint32(0, Math.min(MAX_SIZE, 36 + dataBytes), true);
    sizes.setUint32(4, dataBytes, true);
    await handle.write(new Uint8Array(sizes.buffer, 0, 4), 0, 4, 4);
    await handle.write(new Uint8Array(sizes.buffer, 4, 4), 0, 4, WAV_HEADER_BYTES - 4);
    return (dataBytes / layout.byteRate) * 1000;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
