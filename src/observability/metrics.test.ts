import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../engine/call-events.js';
import { createMetrics } from './metrics.js';

let seq = 0;
const base = (callId: string) => ({ callId, seq: seq++, at: Date.now(), offsetMs: 0 });

function started(callId: string): CallEvent {
  return {
    ...base(callId),
    type: 'call-started',
    direction: 'inbound',
    carrier: 'twilio',
    carrierCallId: `CA${callId}`,
    agentName: 'service-desk',
    pii: { from: '+15550001111', to: '+15551230000' },
  };
}

function ended(callId: string, reason: 'caller-hangup' | 'transferred'): CallEvent {
  return { ...base(callId), type: 'call-ended', reason, durationMs: 1000 };
}

async function valueOf(
  metrics: ReturnType<typeof createMetrics>,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const entry = metric?.values.find((value) =>
    Object.entries(labels).every(([key, expected]) => value.labels[key] === expected),
  );
  return entry?.value;
}

describe('createMetrics', () => {
  it('tracks active calls and counts calls by outcome', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observe(started('a'));
    metrics.observe(started('b'));
    expect(await valueOf(metrics, 'switchboard_active_calls')).toBe(2);
    metrics.observe(ended('a', 'caller-hangup'));
    metrics.observe(ended('a', 'caller-hangup')); // a repeated end must not go below the truth
    metrics.observe(ended('b', 'transferred'));
    expect(await valueOf(metrics, 'switchboard_active_calls')).toBe(0);
    expect(await valueOf(metrics, 'switchboard_calls_total', { outcome: 'caller-hangup' })).toBe(2);
    expect(await valueOf(metrics, 'switchboard_calls_total', { outcome: 'transferred' })).toBe(1);
  });

  it('records each latency stage in seconds', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observe({
      ...base('a'),
      type: 'turn-metrics',
      turn: 1,
      endpointingMs: 500,
      sttMs: 40,
      llmMs: 300,
      ttsMs: 120,
      overheadMs: 15,
      totalMs: 975,
      toolMs: 0,
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain('switchboard_turn_latency_seconds_sum{stage="endpointing"} 0.5');
    expect(text).toContain('switchboard_turn_latency_seconds_sum{stage="llm"} 0.3');
    expect(text).toContain('switchboard_turn_latency_seconds_sum{stage="total"} 0.975');
    expect(text).toContain('switchboard_turn_latency_seconds_count{stage="stt"} 1');
    expect(text).toContain('switchboard_turn_latency_seconds_bucket{le="0.05",stage="stt"} 1');
    expect(text).toContain('switchboard_turn_latency_seconds_bucket{le="0.025",stage="stt"} 0');
  });

  it('counts provider errors from events and from direct reports', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observe({
      ...base('a'),
      type: 'provider-error',
      kind: 'stt',
      provider: 'deepgram',
      code: 'connection_closed',
      message: 'socket closed',
      retryable: true,
    });
    metrics.providerError('stt', 'deepgram', 'connection_closed');
    metrics.providerError('tts', 'elevenlabs', 'unauthorized');
    expect(
      await valueOf(metrics, 'switchboard_provider_errors_total', {
        kind: 'stt',
        provider: 'deepgram',
        code: 'connection_closed',
      }),
    ).toBe(2);
    expect(
      await valueOf(metrics, 'switchboard_provider_errors_total', { provider: 'elevenlabs' }),
    ).toBe(1);
  });

  it('counts tool calls by outcome', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const result = (error?: string): CallEvent => ({
      ...base('a'),
      type: 'tool-result',
      toolCallId: 't1',
      name: 'transfer_call',
      durationMs: 3,
      ...(error === undefined ? {} : { error }),
      pii: { result: '{}' },
    });
    metrics.observe(result());
    metrics.observe(result('timed out'));
    metrics.observe(result());
    expect(
      await valueOf(metrics, 'switchboard_tool_calls_total', {
        tool: 'transfer_call',
        outcome: 'ok',
      }),
    ).toBe(2);
    expect(
      await valueOf(metrics, 'switchboard_tool_calls_total', {
        tool: 'transfer_call',
        outcome: 'error',
      }),
    ).toBe(1);
  });

  it('ignores other events and works as a detached listener', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const listener = metrics.observe;
    listener({ ...base('a'), type: 'dtmf', pii: { digit: '5' } });
    listener(started('a'));
    expect(await valueOf(metrics, 'switchboard_active_calls')).toBe(1);
  });

  it('uses its own registry, with process metrics by default', async () => {
    const first = createMetrics();
    const second = createMetrics();
    const text = await first.registry.metrics();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('switchboard_active_calls');
    expect(await second.registry.metrics()).toContain('switchboard_active_calls');
    expect(await globalRegistry.metrics()).not.toContain('switchboard_');
    expect(first.registry.contentType).toContain('text/plain');
  });
});
