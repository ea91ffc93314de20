export { createSpeechCorpus, type SpeechCorpus, type SpokenAudio } from './speech-corpus.js';
export { trimSilence } from './trim-silence.js';
