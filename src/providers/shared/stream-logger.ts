import type { Logger } from '../../logging/logger.js';

/** The tags on every line a provider logs, so lines of several providers can be told apart. */
export interface ProviderLogBindings {
  /** Provider id, e.g. `deepgram`. */
  readonly provider: string;
  readonly component: 'stt' | 'llm' | 'tts';
}

/**
 * The logger for what a provider logs about one stream. The call's logger from the stream options
 * (carrying `callId`, `callSid`) gets the provider tags; without one the model's own logger, which
 * already carries them, is used as it is (tagging it again would repeat the keys in every line).
 */
export function createStreamLogger(
  callLogger: Logger | undefined,
  modelLogger: Logger,
  bindings: ProviderLogBindings,
): Logger {
  return callLogger === undefined ? modelLogger : callLogger.child(bindings);
}
