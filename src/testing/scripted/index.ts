export { createEnergyVad } from './energy-vad.js';
export { InMemoryCallLeg } from './in-memory-call-leg.js';
export { ScriptedLlm, type ScriptedReply } from './scripted-llm.js';
export { ScriptedStt, ScriptedSttStream } from './scripted-stt.js';
export { ScriptedTts } from './scripted-tts.js';
