import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CallEvent, ProviderErrorEvent, TurnMetricsEvent } from '../engine/call-events.js';

/** Stages of a reply's latency, as split by `turn-metrics` events. */
export const TURN_LATENCY_STAGES = [
  'endpointing',
  'stt',
  'llm',
  'tts',
  'overhead',
  'total',
] as const;
export type TurnLatencyStage = (typeof TURN_LATENCY_STAGES)[number];

/** Seconds; dense from 25 ms to 2 s where reply latency lives, sparse up to 10 s. */
export const TURN_LATENCY_BUCKETS: readonly number[] = [
  0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 5, 10,
];

export interface MetricsOptions {
  /** Also export Node's process metrics (CPU, memory, event-loop lag, GC). Default true. */
  readonly defaultMetrics?: boolean;
}

/** Prometheus metrics for calls, fed from call events. */
export interface SwitchboardMetrics {
  /** Our own registry (not prom-client's global one); serve `registry.metrics()` on `/metrics`. */
  readonly registry: Registry;
  /** Feeds one call event. Cheap and never throws; subscribe it to every call's events. */
  observe(event: CallEvent): void;
  /** Counts a provider failure that happened outside a call's event stream (e.g. at startup). */
  providerError(
    kind: ProviderErrorEvent['kind'] | (string & {}),
    provider: string,
    code: string,
  ): void;
}

/**
 * Creates the metrics and their registry.
 *
 * @example
 * const metrics = createMetrics();
 * engine.onEvent(metrics.observe);
 * app.get('/metrics', async (c) =>
 *   c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));
 */
export function createMetrics(options: MetricsOptions = {}): SwitchboardMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  const activeCalls = new Gauge({
    name: 'switchboard_active_calls',
    help: 'Calls in progress.',
    registers: [registry],
  });
  const callsTotal = new Counter({
    name: 'switchboard_calls_total',
    help: 'Calls that ended, by how they ended.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const turnLatency = new Histogram({
    name: 'switchboard_turn_latency_seconds',
    help: 'Time from the end of caller speech to the first agent audio, split by stage.',
    labelNames: ['stage'] as const,
    buckets: [...TURN_LATENCY_BUCKETS],
    registers: [registry],
  });
  const providerErrors = new Counter({
    name: 'switchboard_provider_errors_total',
    help: 'Failures reported by STT, LLM, TTS, VAD and carrier providers.',
    labelNames: ['kind', 'provider', 'code'] as const,
    registers: [registry],
  });
  const toolCalls = new Counter({
    name: 'switchboard_tool_calls_total',
    help: 'Tool runs, by tool and outcome (ok or error).',
    labelNames: ['tool', 'outcome'] as const,
    registers: [registry],
  });

  // Resolve the label children once; observe() runs on every event of every call.
  const stageHistograms = TURN_LATENCY_STAGES.map((stage) => turnLatency.labels(stage));
  const [endpointing, stt, llm, tts, overhead, total] = stageHistograms;
  const observeTurn = (event: TurnMetricsEvent): void => {
    endpointing?.observe(Math.max(0, event.endpointingMs) / 1000);
    stt?.observe(Math.max(0, event.sttMs) / 1000);
    llm?.observe(Math.max(0, event.llmMs) / 1000);
    tts?.observe(Math.max(0, event.ttsMs) / 1000);
    overhead?.observe(Math.max(0, event.overheadMs) / 1000);
    total?.observe(Math.max(0, event.totalMs) / 1000);
  };

  // A set rather than inc/dec, so a repeated or unmatched end event cannot push the gauge below 0.
  const activeCallIds = new Set<string>();

  return {
    registry,
    observe(event) {
      switch (event.type) {
        case 'call-started':
          activeCallIds.add(event.callId);
          activeCalls.set(activeCallIds.size);
          return;
        case 'call-ended':
          activeCallIds.delete(event.callId);
          activeCalls.set(activeCallIds.size);
          callsTotal.inc({ outcome: event.reason });
          return;
        case 'turn-metrics':
          observeTurn(event);
          return;
        case 'provider-error':
          providerErrors.inc({ kind: event.kind, provider: event.provider, code: event.code });
          return;
        case 'tool-result':
          toolCalls.inc({ tool: event.name, outcome: event.error === undefined ? 'ok' : 'error' });
          return;
        default:
          return;
      }
    },
    providerError(kind, provider, code) {
      providerErrors.inc({ kind, provider, code });
    },
  };
}
