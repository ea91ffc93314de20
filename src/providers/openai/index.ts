export { createOpenAiLlm, type OpenAiLlmSettings } from './openai-llm-model.js';
export { openAiLlmOptionsSchema, type OpenAiLlmOptions } from './openai-llm-options.js';
export { verifyOpenAiLlm, type OpenAiVerifyResult } from './openai-verify.js';
export {
  createOpenAiStt,
  OPENAI_STT_INPUT_FORMAT,
  type OpenAiSttSettings,
} from './openai-stt-model.js';
export { openAiSttOptionsSchema, type OpenAiSttOptions } from './openai-stt-options.js';
export {
  createOpenAiTts,
  OPENAI_TTS_OUTPUT_FORMAT,
  type OpenAiTtsSettings,
} from './openai-tts-model.js';
export { openAiTtsOptionsSchema, type OpenAiTtsOptions } from './openai-tts-options.js';
export { OPENAI_DEFAULT_BASE_URL, type OpenAiConnectionSettings } from './openai-settings.js';
