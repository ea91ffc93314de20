export {
  createElevenLabsTts,
  type ElevenLabsTtsModel,
  type ElevenLabsTtsSettings,
} from './elevenlabs-tts-model.js';
export {
  elevenLabsTtsOptionsSchema,
  isElevenLabsVoiceId,
  type ElevenLabsTtsOptions,
  type ElevenLabsVoiceSettings,
} from './elevenlabs-tts-options.js';
