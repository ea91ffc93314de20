export type * from './stt-model-v1.js';
export type * from './llm-model-v1.js';
export type * from './tts-model-v1.js';
export type * from './vad-model-v1.js';
