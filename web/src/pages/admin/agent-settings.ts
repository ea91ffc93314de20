/*
 * The other numeric and yes/no settings of an agent (silence, model, tools, analysis), and the
 * lists of every setting the draft reads and writes. Bounds and defaults as in
 * src/agents/provisioning-schema.ts and provisioning-defaults.ts.
 */
import { millisecondSetting, type FlagSetting, type NumberSetting } from './setting-types.js';
import {
  ENDPOINTING_SETTINGS,
  INTERRUPTION_FLAGS,
  INTERRUPTION_SETTINGS,
  VAD_SETTINGS,
} from './turn-taking-settings.js';

export const SILENCE_SETTINGS: readonly NumberSetting[] = [
  millisecondSetting(
    'silence.reminderAfterMs',
    'Reminder after silence',
    8000,
    'If the caller says nothing for this long after the agent finished, the agent says the reminder; 0 turns it off.',
  ),
  millisecondSetting(
    'silence.hangupAfterMs',
    'Hang up after silence',
    30_000,
    'If the caller stays silent this long, the agent says goodbye and hangs up; 0 turns it off.',
  ),
  millisecondSetting(
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

export const TOOL_TIMEOUT_SETTING: NumberSetting = millisecondSetting(
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
