import type { CallToolCall, TranscriptTurn, TurnMetric } from '../../api/types.js';

/** One entry of the call's timeline: something said, or a tool call. */
export type TimelineItem =
  | {
      readonly kind: 'turn';
      readonly atMs: number;
      readonly turn: TranscriptTurn;
      readonly latencyMs: number | null;
    }
  | { readonly kind: 'tool'; readonly atMs: number; readonly call: CallToolCall };

/**
 * The transcript in audio order with the tool calls placed where they happened, and each agent
 * reply's measured latency beside it.
 */
export function buildTimeline(
  transcript: readonly TranscriptTurn[],
  toolCalls: readonly CallToolCall[],
  metrics: readonly TurnMetric[],
): TimelineItem[] {
  const latencyByTurn = new Map(metrics.map((metric) => [metric.turn, metric.totalMs]));
  const items: TimelineItem[] = [
    ...transcript.map((turn) => ({
      kind: 'turn' as const,
      atMs: turn.startMs,
      turn,
      latencyMs: turn.speaker === 'agent' ? (latencyByTurn.get(turn.turn) ?? null) : null,
    })),
    ...toolCalls.map((call) => ({ kind: 'tool' as const, atMs: call.offsetMs, call })),
  ];
  return items.sort((left, right) => {
    if (left.atMs !== right.atMs) return left.atMs - right.atMs;
    // Same instant: speech before tools, then by turn.
    if (left.kind !== right.kind) return left.kind === 'turn' ? -1 : 1;
    return left.kind === 'turn' && right.kind === 'turn' ? left.turn.turn - right.turn.turn : 0;
  });
}

/** Half the player's position resolution, plus a little for floating-point seconds. */
const POSITION_TOLERANCE_MS = 60;

/**
 * The transcript line being played at `positionMs`: the last one that started at or before it.
 * Returns its index in `items`, or -1 before the first line.
 */
export function activeTurnIndex(items: readonly TimelineItem[], positionMs: number): number {
  let active = -1;
  for (const [index, item] of items.entries()) {
    if (item.kind !== 'turn') continue;
    // The player reports its position to the nearest 100 ms: a line seeked to must not read as
    // its predecessor because its start was rounded down.
    if (item.atMs > positionMs + POSITION_TOLERANCE_MS) break;
    active = index;
  }
  return active;
}
