export { startFakeDeepgram, type FakeDeepgram, type FakeDeepgramOptions } from './fake-deepgram.js';
export type { FakeConnectionRecord } from './fake-socket-server.js';
export { synthesizeVoice, syntheticMsPerCharacter } from './synthetic-voice.js';
export { mulawSilence, mulawMeanAbsolute } from './mulaw.js';
