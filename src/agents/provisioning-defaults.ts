import type {
  EndpointingSettings,
  InterruptionSettings,
  SilenceSettings,
  TurnTakingSettings,
  VadSettings,
} from './agent-definition.js';

export const DEFAULT_VAD: VadSettings = Object.freeze({
  activationThreshold: 0.5,
  minSpeechMs: 100,
  minSilenceMs: 300,
  prefixPaddingMs: 300,
  maxSpeechMs: 60_000,
});

export const DEFAULT_ENDPOINTING: EndpointingSettings = Object.freeze({
  minDelayMs: 500,
  maxDelayMs: 3000,
});

export const DEFAULT_INTERRUPTION: InterruptionSettings = Object.freeze({
  enabled: true,
  minSpeechMs: 300,
  minWords: 0,
  falseInterruptionTimeoutMs: 2000,
  resumeFalseInterruption: true,
});

export const DEFAULT_TURN_TAKING: TurnTakingSettings = Object.freeze({
  vad: DEFAULT_VAD,
  endpointing: DEFAULT_ENDPOINTING,
  interruption: DEFAULT_INTERRUPTION,
});

export const DEFAULT_SILENCE: SilenceSettings = Object.freeze({
  reminderAfterMs: 8000,
  reminderMessage: 'Are you still there?',
  hangupAfterMs: 30_000,
  goodbyeMessage: "I haven't heard from you, so I'll hang up now. Goodbye!",
});

/** 30 minutes. */
export const DEFAULT_MAX_DURATION_MS = 1_800_000;
export const DEFAULT_TOOL_TIMEOUT_MS = 10_000;
export const DEFAULT_LANGUAGE = 'en';
