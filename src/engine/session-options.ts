/** Voice activity settings. Defaults in `DEFAULT_VAD`. */
export interface VadSettings {
  /** Probability at or above which a window counts as speech (Silero: 0..1). */
  readonly activationThreshold: number;
  /** Speech must last this long before it counts as the caller talking. */
  readonly minSpeechMs: number;
  /** Silence must last this long before speech is over. */
  readonly minSilenceMs: number;
  /** Audio kept from before speech onset for per-utterance transcription. */
  readonly prefixPaddingMs: number;
  /** A monologue longer than this is cut into a turn anyway. */
  readonly maxSpeechMs: number;
}

export interface EndpointingSettings {
  /** Wait at least this long after speech ends before answering (the caller may go on). */
  readonly minDelayMs: number;
  /** Answer at most this long after speech ends, final transcript or not. */
  readonly maxDelayMs: number;
}

export interface InterruptionSettings {
  readonly enabled: boolean;
  /** Caller speech over the agent must last this long before the agent pauses. */
  readonly minSpeechMs: number;
  /** And, if above 0, contain this many transcribed words before the agent yields for good. */
  readonly minWords: number;
  /** A pause with no words by this long after the caller went quiet was a false alarm. */
  readonly falseInterruptionTimeoutMs: number;
  /** Resume the interrupted utterance after a false alarm (else just stay quiet). */
  readonly resumeFalseInterruption: boolean;
}

export interface TurnTakingSettings {
  readonly vad: VadSettings;
  readonly endpointing: EndpointingSettings;
  readonly interruption: InterruptionSettings;
}

export interface SilenceSettings {
  /** Caller silent this long after the agent finished: say `reminderMessage`. 0 disables. */
  readonly reminderAfterMs: number;
  readonly reminderMessage: string;
  /** Caller silent this long after the agent finished: say `goodbyeMessage` and hang up. 0 disables. */
  readonly hangupAfterMs: number;
  readonly goodbyeMessage: string;
}

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
