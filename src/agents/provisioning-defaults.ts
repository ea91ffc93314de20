// The engine owns the turn-taking settings and their defaults; the provisioning file fills them.
export {
  DEFAULT_ENDPOINTING,
  DEFAULT_INTERRUPTION,
  DEFAULT_SILENCE,
  DEFAULT_TURN_TAKING,
  DEFAULT_VAD,
} from '../engine/session-options.js';

/** 30 minutes. */
export const DEFAULT_MAX_DURATION_MS = 1_800_000;
export const DEFAULT_TOOL_TIMEOUT_MS = 10_000;
export const DEFAULT_LANGUAGE = 'en';

/** Post-call analysis: every part on; `model` defaults to the agent's `llm.model`. */
export const DEFAULT_ANALYSIS = {
  enabled: true,
  summary: true,
  sentiment: true,
  voicemail: true,
} as const;
