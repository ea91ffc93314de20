/** The rate of every PCM stream between the dashboard and the server. */
export const PCM_SAMPLE_RATE = 16_000;

/**
 * 16-bit little-endian PCM bytes → samples in [-1, 1]. Reads through a DataView, so the bytes
 * may start at an odd offset (after the listen-in lane byte).
 */
export function pcm16ToFloat32(buffer: ArrayBuffer, byteOffset = 0): Float32Array<ArrayBuffer> {
  const view = new DataView(buffer, byteOffset);
  const samples = new Float32Array(Math.floor(view.byteLength / 2));
  for (let index = 0; index < samples.length; index += 1) {
    samples[index] = view.getInt16(index * 2, true) / 32768;
  }
  return samples;
}
