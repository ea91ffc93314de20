export { startFakeOpenAi } from './fake-openai-server.js';
export { demoPolicy } from './demo-policy.js';
export { demoAnalysisPolicy } from './demo-analysis-policy.js';
export { sampleJsonSchema, type SampleHint, type SchemaNode } from './json-schema-sample.js';
export { DEMO_TRANSCRIPTS } from './fake-openai-audio.js';
export { synthesizeSpeechLikePcm, type SpeechWaveformOptions } from './fake-speech-waveform.js';
export type {
  ChatRequestBody,
  ChatRequestMessage,
  ChatRequestTool,
  ChatResponseFormat,
  FakeOpenAi,
  FakeOpenAiOptions,
  FakePolicy,
  FakeReply,
  FakeSpeechRequest,
  FakeToolCall,
  FakeTranscriptionRequest,
  RecordedRequest,
} from './fake-openai-types.js';
