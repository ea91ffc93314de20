import { mulawDecode } from '../../audio/g711.js';

/** Absolute PCM16 amplitude of every μ-law byte, so energy needs no decode buffer. */
const absoluteAmplitude: Uint16Array = Uint16Array.from(
  mulawDecode(Uint8Array.from({ length: 256 }, (_, byte) => byte)),
  (sample) => Math.abs(sample),
);

/** μ-law digital silence. */
export const mulawSilenceByte = 0xff;

/** `durationMs` of μ-law silence at 8 kHz. */
export function mulawSilence(durationMs: number): Uint8Array {
  return new Uint8Array(Math.round(durationMs * 8)).fill(mulawSilenceByte);
}

/** Mean absolute PCM16 amplitude of a μ-law span: the fakes' cheap speech detector. */
export function mulawMeanAbsolute(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (end <= start) return 0;
  let sum = 0;
  for (let index = start; index < end; index += 1)
    sum += absoluteAmplitude[bytes[index] ?? mulawSilenceByte] ?? 0;
  return sum / (end - start);
}
