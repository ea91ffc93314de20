import type { TurnMetric } from '../../api/types.js';

/** The parts of one reply's latency, in the order they happen, with their chart colours. */
export const LATENCY_STAGES = [
  { key: 'endpointingMs', label: 'Endpointing', color: '--chart-1' },
  { key: 'sttMs', label: 'STT', color: '--chart-2' },
  { key: 'llmMs', label: 'LLM first token', color: '--chart-3' },
  { key: 'ttsMs', label: 'TTS first byte', color: '--chart-4' },
  { key: 'toolMs', label: 'Tools', color: '--chart-5' },
  { key: 'overheadMs', label: 'Overhead', color: '--chart-6' },
] as const satisfies readonly { key: keyof TurnMetric; label: string; color: string }[];

/** The turns' metrics in turn order. */
export function sortedMetrics(metrics: readonly TurnMetric[]): TurnMetric[] {
  return [...metrics].sort((left, right) => left.turn - right.turn);
}
