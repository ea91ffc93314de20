export {
  createDeepgramStt,
  buildListenUrl,
  type DeepgramSttSettings,
} from './deepgram-stt-model.js';
export { createDeepgramTts, type DeepgramTtsSettings } from './deepgram-tts-model.js';
export { deepgramSttOptionsSchema, type DeepgramSttOptions } from './deepgram-stt-options.js';
export { mapDeepgramListenMessage, type DeepgramListenEvent } from './deepgram-listen-messages.js';
export type { WebSocketConstructor } from '../shared/provider-socket.js';
