import { open } from 'node:fs/promises';
import { SwitchboardError } from '../errors/switchboard-error.js';

/** What {@link repairWavHeader} found and did. */
export interface WavRepairResult {
  /** True when the header was rewritten. */
  readonly repaired: boolean;
  /** Bytes of audio the data chunk now states. */
  readonly dataBytes: number;
}

/** Only the first chunks matter; a recording's header is 44 bytes. */
const HEAD_BYTES = 4096;
const MAX_SIZE = 0xffffffff;

function invalid(path: string, reason: string): SwitchboardError {
  return new SwitchboardError(`repairWavHeader: ${path}: ${reason}`, { code: 'wav_invalid' });
}

/**
 * Fixes the RIFF and data sizes of a WAV file whose writer died before closing it (they are left
 * at 0, or claim more bytes than the file has). The data chunk is taken to run to the end of the
 * file, rounded down to whole sample frames. A header that is already right is left untouched.
 */
export async function repairWavHeader(path: string): Promise<WavRepairResult> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    const view = new DataView(head.buffer);
    const tag = (offset: number): string =>
      String.fromCharCode(...head.subarray(offset, offset + 4));
    if (head.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
      throw invalid(path, 'not a RIFF/WAVE file');
    }
    let blockAlign = 0;
    for (let offset = 12; offset + 8 <= head.length;) {
      const id = tag(offset);
      const chunkSize = view.getUint32(offset + 4, true);
      const body = offset + 8;
      if (id === 'fmt ' && body + 14 <= head.length) blockAlign = view.getUint16(body + 12, true);
      if (id === 'data') {
        if (blockAlign === 0) throw invalid(path, 'no usable fmt chunk before the data chunk');
        const available = size - body;
        const statedRiff = view.getUint32(4, true);
        const dataIntact = chunkSize !== 0 && chunkSize <= available;
        const riffIntact = statedRiff !== 0 && statedRiff <= size - 8;
        if (dataIntact && riffIntact) return { repaired: false, dataBytes: chunkSize };
        const dataBytes = dataIntact
          ? chunkSize
          : Math.min(MAX_SIZE, available - (available % blockAlign));
        // With the data chunk intact, whatever follows it belongs to the file too.
        const riffSize = Math.min(
          MAX_SIZE,
          dataIntact ? size - 8 : body - 8 + dataBytes + (dataBytes % 2),
        );
        if (dataBytes === chunkSize && riffSize === statedRiff)
          return { repaired: false, dataBytes };
        const sizes = new DataView(new ArrayBuffer(4));
        sizes.setUint32(0, riffSize, true);
        await handle.write(new Uint8Array(sizes.buffer), 0, 4, 4);
        sizes.setUint32(0, dataBytes, true);
        await handle.write(new Uint8Array(sizes.buffer), 0, 4, offset + 4);
        return { repaired: true, dataBytes };
      }
      offset = body + chunkSize + (chunkSize % 2);
    }
    throw invalid(path, 'no data chunk in the first 4 KiB');
  } finally {
    await handle.close();
  }
}
