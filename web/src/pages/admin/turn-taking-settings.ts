/*
 * The turn-taking settings: path in the definition, bounds from the schema
 * (src/agents/provisioning-schema.ts), default (src/engine/session-options.ts) and one sentence on
 * what each changes (docs/turn-taking.md).
 */
import { millisecondSetting, type FlagSetting, type NumberSetting } from './setting-types.js';

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
  millisecondSetting(
    'turnTaking.vad.minSpeechMs',
    'Minimum speech',
    100,
    'How long a sound must last to count as the caller talking; higher ignores clicks and short noises.',
  ),
  millisecondSetting(
    'turnTaking.vad.minSilenceMs',
    'Silence that ends speech',
    300,
    'How long the caller must be quiet before their speech counts as finished.',
  ),
  millisecondSetting(
    'turnTaking.vad.prefixPaddingMs',
    'Audio kept before speech',
    300,
    'Audio kept from just before the caller started, so the first syllable reaches the transcript.',
  ),
  millisecondSetting(
    'turnTaking.vad.maxSpeechMs',
    'Longest stretch of speech',
    60_000,
    'A monologue this long is treated as a finished turn, so the agent gets to answer.',
    1,
  ),
];

export const ENDPOINTING_SETTINGS: readonly NumberSetting[] = [
  millisecondSetting(
    'turnTaking.endpointing.minDelayMs',
    'Endpointing delay',
    500,
    'How long the agent waits after the caller stops before answering; shorter is snappier, longer interrupts less.',
  ),
  millisecondSetting(
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
  millisecondSetting(
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
  millisecondSetting(
    'turnTaking.interruption.falseInterruptionTimeoutMs',
    'False interruption wait',
    2000,
    'If the caller goes quiet without any words for this long, the interruption was a false alarm.',
  ),
];
