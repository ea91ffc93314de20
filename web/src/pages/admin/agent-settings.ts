/*
 * The numeric and yes/no settings of an agent, each with its path in the definition, its bounds
 * from the schema (src/agents/provisioning-schema.ts), its default (src/engine/session-options.ts)
 * and one sentence on what it changes. The editor renders its inputs from this list.
 */

export interface NumberSetting {
  readonly path: string;
  readonly label: string;
  readonly explanation: string;
  readonly defaultValue: number | undefined;
  readonly min: number;
  readonly max?: number;
  readonly step?: number;
  readonly unit?: 'ms';
}

export interface FlagSetting {
  readonly path: string;
  readonly label: string;
  readonly explanation: string;
  readonly defaultValue: boolean;
}

const ms = (
  path: string,
  label: string,
  defaultValue: number,
  explanation: string,
  min = 0,
): NumberSetting => ({ path, label, defaultValue, explanation, min, step: 10, unit: 'ms' });

export const VAD_SETTINGS: readonly NumberSetting[] = [
  {
    path: 'turnTaking.vad.activationThreshold',
    label: 'Speech detection threshold',
    defaultValue: 0.5,
    min: 0,
    max: 1,
    step: 0.05,
    explanation:
      'How sure the detector must be that a sound is speech; raise it on noisy lines, lower it for quiet callers.',
  },
  ms(
    'turnTaking.vad.minSpeechMs',
    'Minimum speech',
    100,
    'How long a sound must last to count as the caller talking; higher ignores clicks and short noises.',
  ),
  ms(
    'turnTaking.vad.minSilenceMs',
    'Silence that ends speech',
    300,
    'How long the caller must be quiet before their speech counts as finished.',
  ),
  ms(
    'turnTaking.vad.prefixPaddingMs',
    'Audio kept before speech',
    300,
    'Audio kept from just before the caller started, so the first syllable reaches the transcript.',
  ),
  ms(
    'turnTaking.vad.maxSpeechMs',
    'Longest stretch of speech',
    60_000,
    'A monologue this long is treated as a finished turn, so the agent gets to answer.',
    1,
  ),
];

export const ENDPOINTING_SETTINGS: readonly NumberSetting[] = [
  ms(
    'turnTaking.endpointing.minDelayMs',
    'Endpointing delay',
    500,
    'How long the agent waits after the caller stops before answering; shorter is snappier, longer interrupts less.',
  ),
  ms(
    'turnTaking.endpointing.maxDelayMs',
    'Longest endpointing delay',
    3000,
    'The agent answers no later than this after the caller stops, even if the transcript is still settling; must not be below the endpointing delay.',
  ),
];

export const INTERRUPTION_FLAGS: readonly FlagSetting[] = [
  {
    path: 'turnTaking.interruption.enabled',
    label: 'Callers can interrupt the agent',
    defaultValue: true,
    explanation: 'When on, the agent stops talking when the caller speaks over it.',
  },
  {
    path: 'turnTaking.interruption.resumeFalseInterruption',
    label: 'Resume after a false interruption',
    defaultValue: true,
    explanation:
      'When on, the agent picks up where it was cut off after a cough or noise; when off, it stays quiet.',
  },
];

export const INTERRUPTION_SETTINGS: readonly NumberSetting[] = [
  ms(
    'turnTaking.interruption.minSpeechMs',
    'Speech needed to interrupt',
    300,
    'How long the caller must speak over the agent before it pauses; higher ignores coughs and "mm-hm".',
  ),
  {
    path: 'turnTaking.interruption.minWords',
    label: 'Words needed to interrupt',
    defaultValue: 0,
    min: 0,
    step: 1,
    explanation:
      'Above 0, the agent only gives up its turn after this many transcribed words; shorter sounds just pause it.',
  },
  ms(
    'turnTaking.interruption.falseInterruptionTimeoutMs',
    'False interruption wait',
    2000,
    'If the caller goes quiet without any words for this long, the interruption was a false alarm.',
  ),
];

export const SILENCE_SETTINGS: readonly NumberSetting[] = [
  ms(
    'silence.reminderAfterMs',
    'Reminder after silence',
    8000,
    'If the caller says nothing for this long after the agent finished, the agent says the reminder; 0 turns it off.',
  ),
  ms(
    'silence.hangupAfterMs',
    'Hang up after silence',
    30_000,
    'If the caller stays silent this long, the agent says goodbye and hangs up; 0 turns it off.',
  ),
  ms(
    'maxDurationMs',
    'Longest call',
    1_800_000,
    'The call ends once it has lasted this long, whatever is happening.',
    1000,
  ),
];

export const LLM_SETTINGS: readonly NumberSetting[] = [
  {
    path: 'llm.temperature',
    label: 'Temperature',
    defaultValue: undefined,
    min: 0,
    max: 2,
    step: 0.1,
    explanation:
      "How varied the replies are: low keeps the agent predictable, high makes it more creative. Empty uses the model's default.",
  },
  {
    path: 'llm.maxTokens',
    label: 'Longest reply (tokens)',
    defaultValue: undefined,
    min: 1,
    step: 1,
    explanation: "Caps the length of each reply. Empty uses the model's default.",
  },
];

export const TOOL_TIMEOUT_SETTING: NumberSetting = ms(
  'toolTimeoutMs',
  'Tool time limit',
  10_000,
  'How long any tool may run before the agent stops waiting for it; HTTP tools also have their own limit.',
  1,
);

export const ALL_NUMBER_SETTINGS: readonly NumberSetting[] = [
  ...VAD_SETTINGS,
  ...ENDPOINTING_SETTINGS,
  ...INTERRUPTION_SETTINGS,
  ...SILENCE_SETTINGS,
  ...LLM_SETTINGS,
  TOOL_TIMEOUT_SETTING,
];

export const ANALYSIS_FLAGS: readonly FlagSetting[] = [
  {
    path: 'analysis.enabled',
    label: 'Analyse calls after they end',
    defaultValue: true,
    explanation:
      'Works out a summary, sentiment, success and the custom fields below for every call.',
  },
  {
    path: 'analysis.summary',
    label: 'Summary',
    defaultValue: true,
    explanation: 'A few sentences on why the caller called and what happened.',
  },
  {
    path: 'analysis.sentiment',
    label: 'Sentiment',
    defaultValue: true,
    explanation: 'Whether the caller seemed satisfied, neutral or unhappy.',
  },
  {
    path: 'analysis.voicemail',
    label: 'Voicemail detection',
    defaultValue: true,
    explanation: 'Marks calls that reached an answering machine.',
  },
];

export const ALL_FLAGS: readonly FlagSetting[] = [...INTERRUPTION_FLAGS, ...ANALYSIS_FLAGS];
