import type { LiveCallEvent, TurnState } from '../api/live-types.js';

/** Something said: a caller turn (partial until final) or an agent utterance. */
export interface LiveLine {
  readonly kind: 'line';
  readonly key: string;
  readonly speaker: 'caller' | 'agent';
  readonly turn: number;
  /** null: the agent has started replying (its latency is known) but the words are not in yet. */
  readonly text: string | null;
  readonly final: boolean;
  readonly interrupted: boolean;
  /** Agent lines: the reply's latency from its turn-metrics event. */
  readonly latencyMs: number | null;
}

/** A tool call, running until its result arrives. */
export interface LiveToolCall {
  readonly kind: 'tool';
  readonly key: string;
  readonly name: string;
  readonly arguments: string;
  readonly result: string | null;
  readonly error: string | null;
  readonly durationMs: number | null;
  readonly running: boolean;
}

/** A provider failure during the call (the call usually goes on). */
export interface LiveProblem {
  readonly kind: 'problem';
  readonly key: string;
  readonly message: string;
}

export type LiveItem = LiveLine | LiveToolCall | LiveProblem;

/** Everything a live view shows, built from the call's events in order. */
export interface LiveCallState {
  /** In the order each first appeared. */
  readonly items: readonly LiveItem[];
  readonly turnState: TurnState | null;
  readonly ended: { readonly reason: string; readonly durationMs: number } | null;
  /** `seq` of the recorded events applied, so a snapshot and the stream can overlap. */
  readonly seen: ReadonlySet<number>;
}

export const initialLiveCallState: LiveCallState = {
  items: [],
  turnState: null,
  ended: null,
  seen: new Set(),
};

function upsert<T extends LiveItem>(
  items: readonly LiveItem[],
  key: string,
  update: (previous: T | undefined) => T,
): LiveItem[] {
  const index = items.findIndex((item) => item.key === key);
  if (index === -1) return [...items, update(undefined)];
  const next = [...items];
  next[index] = update(items[index] as T);
  return next;
}

function emptyLine(speaker: 'caller' | 'agent', turn: number): LiveLine {
  const key = `${speaker}-${turn}`;
  return {
    kind: 'line',
    key,
    speaker,
    turn,
    text: null,
    final: false,
    interrupted: false,
    latencyMs: null,
  };
}

/** Partials and turn states are not recorded events: they may repeat a `seq` or carry none. */
function isRecorded(event: LiveCallEvent): boolean {
  if (event.type === 'turn-state') return false;
  return !(event.type === 'transcript' && !event.final);
}

/** Folds one call event into the live view's state (pure; unknown event types are ignored). */
export function applyLiveEvent(state: LiveCallState, event: LiveCallEvent): LiveCallState {
  const recorded = isRecorded(event) && typeof event.seq === 'number';
  if (recorded && state.seen.has(event.seq)) return state;
  const seen = recorded ? new Set(state.seen).add(event.seq) : state.seen;
  switch (event.type) {
    case 'transcript': {
      const key = `${event.speaker}-${event.turn}`;
      // A late partial must not replace the final of its turn.
      const items = upsert<LiveLine>(state.items, key, (previous) => {
        const line = previous ?? emptyLine(event.speaker, event.turn);
        if (line.final && !event.final) return line;
        return {
          ...line,
          text: event.pii.text,
          final: event.final,
          interrupted: event.interrupted,
        };
      });
      return { ...state, items, seen };
    }
    case 'turn-metrics': {
      const items = upsert<LiveLine>(state.items, `agent-${event.turn}`, (previous) => ({
        ...(previous ?? emptyLine('agent', event.turn)),
        latencyMs: event.totalMs,
      }));
      return { ...state, items, seen };
    }
    case 'tool-call': {
      const items = upsert<LiveToolCall>(state.items, `tool-${event.toolCallId}`, (previous) => ({
        kind: 'tool',
        key: `tool-${event.toolCallId}`,
        name: event.name,
        arguments: event.pii.arguments,
        result: previous?.result ?? null,
        error: previous?.error ?? null,
        durationMs: previous?.durationMs ?? null,
        running: previous === undefined ? true : previous.running,
      }));
      return { ...state, items, seen };
    }
    case 'tool-result': {
      const items = upsert<LiveToolCall>(state.items, `tool-${event.toolCallId}`, (previous) => ({
        kind: 'tool',
        key: `tool-${event.toolCallId}`,
        name: event.name,
        arguments: previous?.arguments ?? '',
        result: event.pii.result,
        error: event.error ?? null,
        durationMs: event.durationMs,
        running: false,
      }));
      return { ...state, items, seen };
    }
    case 'provider-error': {
      const problem: LiveProblem = {
        kind: 'problem',
        key: `problem-${event.seq}`,
        message: `${event.provider} (${event.kind}): ${event.message}`,
      };
      return { ...state, items: [...state.items, problem], seen };
    }
    case 'turn-state':
      return { ...state, turnState: event.state, seen };
    case 'call-ended':
      return { ...state, ended: { reason: event.reason, durationMs: event.durationMs }, seen };
    default:
      return { ...state, seen };
  }
}

/** Folds a list of events (a snapshot, in the order the server sent them) into the state. */
export function applyLiveEvents(
  state: LiveCallState,
  events: readonly LiveCallEvent[],
): LiveCallState {
  return events.reduce(applyLiveEvent, state);
}
