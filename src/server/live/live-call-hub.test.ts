import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { CallEventEmitter, type CallEventInput } from '../../engine/call-event-emitter.js';
import type { CallEvent } from '../../engine/call-events.js';
import { ManualClock } from '../../engine/manual-clock.js';
import { createLogger } from '../../logging/logger.js';
import { InMemoryCallLeg } from '../../testing/scripted/index.js';
import type { LiveCall } from './live-call.js';
import { LiveCallHub } from './live-call-hub.js';

const ORG = 'org-a';
const OTHER_ORG = 'org-b';

/** A call as the runtime announces it, then its events stamped by the engine's own emitter. */
function startCall(hub: LiveCallHub, options: { orgId?: string; clock?: ManualClock } = {}) {
  const callId = randomUUID();
  const leg = new InMemoryCallLeg();
  const clock = options.clock ?? new ManualClock();
  const tap = hub.onCallPrepared({
    callId,
    orgId: options.orgId ?? ORG,
    agentName: 'desk',
    direction: 'inbound',
    carrier: leg.carrier,
    from: '+15550001111',
    to: '+15550002222',
    leg,
  });
  const emitter = new CallEventEmitter(callId, clock, clock.now(), hub.onCallEvent);
  const emit = (input: CallEventInput): CallEvent => emitter.emit(input);
  emit({
    type: 'call-started',
    direction: 'inbound',
    carrier: leg.carrier,
    carrierCallId: leg.carrierCallId,
    agentName: 'desk',
    pii: { from: '+15550001111', to: '+15550002222' },
  });
  return { callId, tap, emit, clock };
}

const transcript = (
  speaker: 'caller' | 'agent',
  final: boolean,
  turn: number,
  text: string,
): CallEventInput => ({
  type: 'transcript',
  speaker,
  final,
  turn,
  startMs: 0,
  endMs: 0,
  interrupted: false,
  pii: { text },
});

const usage: CallEventInput = { type: 'usage', kind: 'llm', provider: 'openai', model: 'x' };

describe('LiveCallHub', () => {
  it('lists a started call to its own organisation only, newest first, until it ends', () => {
    const hub = new LiveCallHub();
    const first = startCall(hub);
    first.clock.advance(1000);
    const second = startCall(hub);
    const foreign = startCall(hub, { orgId: OTHER_ORG });

    expect(hub.list(ORG).map((call) => call.callId)).toEqual([second.callId, first.callId]);
    expect(hub.list(OTHER_ORG).map((call) => call.callId)).toEqual([foreign.callId]);
    expect(hub.isLive(foreign.callId, ORG)).toBe(false);
    expect(hub.watchCall(foreign.callId, ORG, { onEvent: () => {}, onClose: () => {} })).toBe(
      undefined,
    );
    expect(hub.listen(foreign.callId, ORG, { onAudio: () => {}, onClose: () => {} })).toBe(
      undefined,
    );
    expect(hub.list(ORG)[1]).toEqual({
      callId: first.callId,
      agentName: 'desk',
      direction: 'inbound',
      carrier: 'memory',
      from: '+15550001111',
      to: '+15550002222',
      startedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
      state: 'listening',
      turns: 0,
      lastTurnLatencyMs: null,
    } satisfies LiveCall);

    for (const call of [first, second, foreign])
      call.emit({ type: 'call-ended', reason: 'caller-hangup', durationMs: 5 });
    expect(hub.list(ORG)).toEqual([]);
    expect(hub.list(OTHER_ORG)).toEqual([]);
    expect(hub.stats()).toEqual({
      calls: 0,
      callWatchers: 0,
      organizationWatchers: 0,
      listeners: 0,
    });
  });

  it('follows the turn state, committed caller turns and the latest turn latency', () => {
    const hub = new LiveCallHub();
    const { callId, emit } = startCall(hub);
    emit({ type: 'turn-state', state: 'thinking' });
    emit({ type: 'turn-state', state: 'speaking' });
    emit(transcript('agent', true, 0, 'Hi!'));
    emit({ type: 'turn-state', state: 'listening' });
    emit(transcript('caller', false, 1, 'I would'));
    emit(transcript('caller', true, 1, 'I would like a car wash.'));
    emit({ type: 'turn-state', state: 'thinking' });
    emit({
      type: 'turn-metrics',
      turn: 1,
      endpointingMs: 500,
      sttMs: 10,
      llmMs: 200,
      ttsMs: 100,
      overheadMs: 5,
      totalMs: 815,
      toolMs: 0,
    });
    emit({ type: 'turn-state', state: 'speaking' });

    expect(hub.list(ORG)[0]).toMatchObject({
      callId,
      state: 'speaking',
      turns: 1,
      lastTurnLatencyMs: 815,
    });
  });

  it('snapshots every event so far but superseded partials and turn states, in order', () => {
    const hub = new LiveCallHub();
    const { callId, emit } = startCall(hub);
    emit({ type: 'turn-state', state: 'speaking' });
    emit(transcript('agent', true, 0, 'Hi!'));
    emit({ type: 'turn-state', state: 'listening' });
    emit(transcript('caller', false, 1, 'I'));
    emit(transcript('caller', false, 1, 'I want'));
    emit(transcript('caller', true, 1, 'I want a car wash.'));
    emit({ type: 'turn-state', state: 'thinking' });
    emit(usage);
    emit(transcript('caller', false, 2, 'And'));
    emit(usage);

    const watch = hub.watchCall(callId, ORG, { onEvent: () => {}, onClose: () => {} });
    const events = watch?.snapshot.events ?? [];
    expect(events.map((event) => event.seq)).toEqual([0, 2, 6, 7, 8, 9, 10]);
    expect(events.map((event) => event.type)).toEqual([
      'call-started',
      'transcript',
      'transcript',
      'turn-state',
      'usage',
      'transcript',
      'usage',
    ]);
    expect(events[5]).toMatchObject({ final: false, pii: { text: 'And' } });
    expect(watch?.snapshot.call.callId).toBe(callId);
  });

  it('keeps at most maxEventsPerCall events of a long call, the call-started among them', () => {
    const hub = new LiveCallHub({ maxEventsPerCall: 50 });
    const { callId, emit } = startCall(hub);
    for (let index = 0; index < 20_000; index++) {
      emit(usage);
      emit(transcript('caller', false, 1, `partial ${index}`));
    }
    const events =
      hub.watchCall(callId, ORG, { onEvent: () => {}, onClose: () => {} })?.snapshot.events ?? [];
    // 50 recorded events plus the one partial that is not superseded yet.
    expect(events).toHaveLength(51);
    expect(events[0]?.type).toBe('call-started');
    expect(events.at(-1)).toMatchObject({ type: 'transcript', pii: { text: 'partial 19999' } });
    expect(events.at(-2)?.seq).toBe(events.at(-1)!.seq - 1);
  });

  it('delivers events to watchers, drops one that throws, and closes them after call-ended', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      destination: { write: (line) => lines.push(line) },
    });
    const hub = new LiveCallHub({ logger });
    const { callId, emit } = startCall(hub);
    const seen: string[] = [];
    let closed = 0;
    let faultyClosed = 0;
    hub.watchCall(callId, ORG, {
      onEvent: () => {
        throw new Error('broken client');
      },
      onClose: () => faultyClosed++,
    });
    hub.watchCall(callId, ORG, {
      onEvent: (event) => seen.push(event.type),
      onClose: () => closed++,
    });
    expect(() => emit(usage)).not.toThrow();
    emit({ type: 'call-ended', reason: 'agent-hangup', durationMs: 10 });

    expect(seen).toEqual(['usage', 'call-ended']);
    expect(closed).toBe(1);
    expect(faultyClosed).toBe(1);
    expect(lines.filter((line) => line.includes('live call watcher failed'))).toHaveLength(1);
    expect(hub.isLive(callId, ORG)).toBe(false);
  });

  it('tells organisation watchers on open and on changes, not on every event', () => {
    const hub = new LiveCallHub();
    const lists: string[][] = [];
    const stop = hub.watchOrganization(ORG, {
      onCalls: (calls) => lists.push(calls.map((call) => `${call.callId}:${call.state}`)),
      onClose: () => {},
    });
    const { callId, emit } = startCall(hub);
    startCall(hub, { orgId: OTHER_ORG });
    emit(usage);
    emit({ type: 'turn-state', state: 'thinking' });
    emit({ type: 'turn-state', state: 'thinking' });
    emit({ type: 'call-ended', reason: 'caller-hangup', durationMs: 1 });
    stop();
    startCall(hub);

    expect(lists).toEqual([[], [`${callId}:listening`], [`${callId}:thinking`], []]);
  });

  it('converts audio only while someone listens, into lane-tagged PCM16 at 16 kHz', () => {
    const hub = new LiveCallHub();
    const { callId, tap, emit } = startCall(hub);
    const mulawFrame = new Uint8Array(160).fill(0xff);
    tap?.onCallerAudio(mulawFrame);
    const frames: Uint8Array[] = [];
    const reasons: unknown[] = [];
    const stop = hub.listen(callId, ORG, {
      onAudio: (frame) => frames.push(frame),
      onClose: (reason) => reasons.push(reason),
    });
    tap?.onCallerAudio(mulawFrame);
    tap?.onAgentAudio(mulawFrame);
    stop?.();
    tap?.onAgentAudio(mulawFrame);
    hub.listen(callId, ORG, { onAudio: () => {}, onClose: (reason) => reasons.push(reason) });
    emit({ type: 'call-ended', reason: 'caller-hangup', durationMs: 1 });

    expect(frames.map((frame) => frame[0])).toEqual([0, 1]);
    // 20 ms of μ-law at 8 kHz is 320 samples at 16 kHz, give or take the resampler's delay.
    for (const frame of frames) {
      expect(frame.length % 2).toBe(1);
      expect(frame.length).toBeGreaterThan(200);
      expect(frame.length).toBeLessThanOrEqual(641);
    }
    expect(reasons).toEqual(['caller-hangup']);
  });

  it('forgets a call announced but never started, and everything at close', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const hub = new LiveCallHub();
      const leg = new InMemoryCallLeg();
      hub.onCallPrepared({
        callId: randomUUID(),
        orgId: ORG,
        agentName: 'desk',
        direction: 'inbound',
        carrier: 'memory',
        from: '',
        to: '',
        leg,
      });
      vi.setSystemTime(Date.now() + 61_000);
      const { callId } = startCall(hub);
      expect(hub.stats().calls).toBe(1);

      let closes = 0;
      hub.watchCall(callId, ORG, { onEvent: () => {}, onClose: () => closes++ });
      hub.watchOrganization(ORG, { onCalls: () => {}, onClose: () => closes++ });
      hub.close();
      expect(closes).toBe(2);
      expect(hub.stats().calls).toBe(0);
      expect(startCall(hub).tap).toBeUndefined();
      expect(hub.list(ORG)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
