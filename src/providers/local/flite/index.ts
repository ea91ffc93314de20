export { createFliteTts } from './flite-tts-model.js';
export type { FliteTtsOptions } from './flite-tts-options.js';
export { fliteTtsOptionsSchema } from './flite-tts-options.js';
export {
  FLITE_VOICES,
  isFliteVoice,
  preloadFlite,
  synthesizeWithFlite,
  type FliteAudio,
  type FliteSynthesisOptions,
  type FliteVoice,
} from './synthesize-with-flite.js';
export { parseWav, type WavAudio } from './parse-wav.js';
