import { ALL_FLAGS, ALL_NUMBER_SETTINGS } from './agent-settings.js';

const TEXT_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  instructions: 'Instructions',
  firstMessage: 'First message',
  language: 'Language',
  'stt.provider': 'Speech recognition provider',
  'stt.model': 'Speech recognition model',
  'llm.provider': 'Language model provider',
  'llm.model': 'Language model',
  'tts.provider': 'Voice provider',
  'tts.voice': 'Voice id',
  'tts.model': 'Voice model',
  'silence.reminderMessage': 'Reminder message',
  'silence.goodbyeMessage': 'Goodbye message',
  'analysis.goal': 'Goal',
  'analysis.model': 'Analysis model',
  tools: 'Built-in tools',
};

const SETTING_LABELS: ReadonlyMap<string, string> = new Map([
  ...ALL_NUMBER_SETTINGS.map((setting) => [setting.path, setting.label] as const),
  ...ALL_FLAGS.map((flag) => [flag.path, flag.label] as const),
]);

const LIST_LABELS: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [/^httpTools\.(\d+)\.?(.*)$/, (match) => `HTTP tool ${Number(match[1]) + 1} ${match[2] ?? ''}`],
  [
    /^transferDestinations\.(\d+)\.?(.*)$/,
    (match) => `Transfer number ${Number(match[1]) + 1} ${match[2] ?? ''}`,
  ],
  [/^tools\.(\d+)$/, (match) => `Built-in tool ${Number(match[1]) + 1}`],
  [/^analysis\.fields\.?(.*)$/, (match) => `Custom field ${match[1] ?? ''}`],
];

/** The label a person sees for an API field path, e.g. `Endpointing delay`, or the path itself. */
export function agentFieldLabel(path: string): string {
  const known = TEXT_LABELS[path] ?? SETTING_LABELS.get(path);
  if (known !== undefined) return known;
  for (const [pattern, describe] of LIST_LABELS) {
    const match = pattern.exec(path);
    if (match !== null) return describe(match).trim();
  }
  return path;
}
