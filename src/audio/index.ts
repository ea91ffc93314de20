/**
 * The audio core: the frame shape, G.711 codecs, resampling, WAV encoding and recording, and
 * small PCM helpers. Everything here is pure except `WavFileWriter` and `repairWavHeader`.
 */
export type { AudioEncoding, AudioFormat, AudioFrame, EncodedAudio } from './audio-frame.js';
export { MULAW_8K, bytesPerSample, durationMs } from './audio-frame.js';
export type { AudioConverter } from './audio-converter.js';
export { createAudioConverter, createPcmDecoder, isSameFormat } from './audio-converter.js';
export { alawDecode, alawEncode, mulawDecode, mulawEncode } from './g711.js';
export { bytesLEToInt16, concatInt16, dbfs, int16ToBytesLE, mixInto, rms, silence } from './pcm.js';
export type { Resampler, ResamplerOptions } from './resampler.js';
export { createResampler } from './resampler.js';
export { SUPPORTED_SAMPLE_RATES } from './resampler-filter.js';
export type { WavAudio } from './wav.js';
export {
  WAV_HEADER_BYTES,
  createWavHeader,
  encodeWav,
  interleaveChannels,
  parseWav,
} from './wav.js';
export type { WavFileWriterOptions } from './wav-file-writer.js';
export { WavFileWriter } from './wav-file-writer.js';
export type { WavRepairResult } from './wav-header-repair.js';
export { repairWavHeader } from './wav-header-repair.js';
