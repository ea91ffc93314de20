export { startFakeDeepgram, type FakeDeepgram, type FakeDeepgramOptions } from './fake-deepgram.js';
export type { FakeConnectionRecord } from '../shared/fake-socket-server.js';
export { synthesizeVoice, syntheticMsPerCharacter } from '../shared/synthetic-voice.js';
export { mulawSilence, mulawMeanAbsolute } from './mulaw.js';
