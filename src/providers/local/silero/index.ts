export { createSileroVad } from './silero-vad.js';
export type { SileroVadOptions } from './silero-vad-options.js';
export { resolveSileroModelPath, sileroVadOptionsSchema } from './silero-vad-options.js';
