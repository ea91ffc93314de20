/**
 * Live calls (docs/live-calls.md): the hub that follows this process's calls as they happen, the
 * REST and server-sent-event routes over it, and the listen-in WebSocket.
 */
export type { LiveCall, LiveCallSnapshot } from './live-call.js';
export { liveCallListSchema, liveCallSchema } from './live-call.js';
export type { LiveCallHubOptions, LiveCallSource, LiveCallsWatcher } from './live-call-hub.js';
export { DEFAULT_MAX_EVENTS_PER_CALL, LiveCallHub } from './live-call-hub.js';
export type { LiveCallWatcher } from './live-call-state.js';
export type { LiveAudioListener } from './live-audio-fan-out.js';
export { AGENT_LANE, CALLER_LANE, LISTEN_SAMPLE_RATE } from './live-audio-fan-out.js';
export type { LiveCallRoutesOptions } from './live-call-routes.js';
export { createLiveCallRoutes } from './live-call-routes.js';
export type {
  ListenUpgradeHandler,
  ListenUpgradeHandlerOptions,
} from './listen-upgrade-handler.js';
export {
  LISTEN_CLOSE_CODES,
  createListenUpgradeHandler,
  matchListenPath,
} from './listen-upgrade-handler.js';
export type { SseStreamOptions, SseWriter } from './sse-stream.js';
export { SSE_KEEP_ALIVE_MS, createSseStream } from './sse-stream.js';
