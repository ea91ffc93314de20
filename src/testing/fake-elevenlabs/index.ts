export {
  startFakeElevenLabs,
  type FakeElevenLabs,
  type FakeElevenLabsOptions,
} from './fake-elevenlabs.js';
