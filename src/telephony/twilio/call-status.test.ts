import { describe, expect, it } from 'vitest';
import { createCallStatusStore } from './call-status-store.js';
import {
  CALL_STATUSES,
  isCallStatus,
  isTerminalCallStatus,
  nextCallStatus,
  type CallStatus,
  type CallStatusUpdate,
} from './call-status.js';

/** Deterministic shuffle (mulberry32) so failures reproduce. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

describe('nextCallStatus', () => {
  it('moves forward through the lifecycle and never back', () => {
    expect(nextCallStatus(undefined, 'ringing')).toBe('ringing');
    expect(nextCallStatus('queued', 'initiated')).toBe('initiated');
    expect(nextCallStatus('ringing', 'in-progress')).toBe('in-progress');
    expect(nextCallStatus('in-progress', 'ringing')).toBe('in-progress');
    expect(nextCallStatus('in-progress', 'queued')).toBe('in-progress');
    expect(nextCallStatus('ringing', 'no-answer')).toBe('no-answer');
  });

  it('keeps a terminal status final against every non-terminal one', () => {
    for (const terminal of CALL_STATUSES.filter(isTerminalCallStatus)) {
      for (const other of CALL_STATUSES.filter((status) => !isTerminalCallStatus(status))) {
        expect(nextCallStatus(terminal, other, { current: 1, incoming: 99 })).toBe(terminal);
      }
    }
  });

  it('is idempotent', () => {
    for (const status of CALL_STATUSES) expect(nextCallStatus(status, status)).toBe(status);
  });

  it('settles conflicting terminal statuses the same way in either order', () => {
    const pairs: [CallStatus, CallStatus][] = [
      ['completed', 'canceled'],
      ['busy', 'failed'],
      ['no-answer', 'canceled'],
    ];
    for (const [a, b] of pairs) {
      expect(nextCallStatus(a, b)).toBe(nextCallStatus(b, a));
      expect(nextCallStatus(a, b, { current: 5, incoming: 7 })).toBe(b);
      expect(nextCallStatus(b, a, { current: 7, incoming: 5 })).toBe(b);
    }
  });

  it('recognises statuses', () => {
    expect(isCallStatus('in-progress')).toBe(true);
    expect(isCallStatus('answered')).toBe(false);
    expect(isCallStatus(3)).toBe(false);
  });
});

describe('order independence', () => {
  const answered: CallStatusUpdate[] = [
    { callSid: 'CA1', status: 'initiated', sequenceNumber: 0 },
    { callSid: 'CA1', status: 'ringing', sequenceNumber: 1 },
    { callSid: 'CA1', status: 'in-progress', sequenceNumber: 2 },
    { callSid: 'CA1', status: 'completed', sequenceNumber: 3, duration: 42, sipResponseCode: 200 },
  ];
  const unanswered: CallStatusUpdate[] = [
    { callSid: 'CA2', status: 'queued' },
    { callSid: 'CA2', status: 'initiated', sequenceNumber: 0 },
    { callSid: 'CA2', status: 'ringing', sequenceNumber: 1 },
    { callSid: 'CA2', status: 'no-answer', sequenceNumber: 2, sipResponseCode: 487 },
  ];

  it('ends in the right state for shuffled, duplicated sequences', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const store = createCallStatusStore();
      const updates = shuffled(
        [...answered, ...answered.slice(1, 3), ...unanswered, ...unanswered],
        seed,
      );
      for (const update of updates) store.apply(update);
      expect(store.get('CA1')).toMatchObject({
        status: 'completed',
        sequenceNumber: 3,
        duration: 42,
        sipResponseCode: 200,
      });
      expect(store.get('CA2')).toMatchObject({ status: 'no-answer', sipResponseCode: 487 });
    }
  });

  it('folds conflicting terminal statuses (with and without sequence numbers) to one result', () => {
    const corrupt = [
      { status: 'completed' as const, sequenceNumber: 5 },
      { status: 'busy' as const, sequenceNumber: 7 },
      { status: 'failed' as const },
      { status: 'ringing' as const, sequenceNumber: 9 },
    ];
    const results = new Set<CallStatus | undefined>();
    for (let seed = 1; seed <= 100; seed += 1) {
      const store = createCallStatusStore();
      for (const update of shuffled(corrupt, seed)) store.apply({ callSid: 'CA3', ...update });
      results.add(store.get('CA3')?.status);
    }
    expect([...results]).toEqual(['busy']);
  });
});

describe('createCallStatusStore', () => {
  it('reports duplicates and late callbacks as unchanged', () => {
    const store = createCallStatusStore();
    expect(store.apply({ callSid: 'CA1', status: 'ringing', sequenceNumber: 1 }).changed).toBe(
      true,
    );
    expect(store.apply({ callSid: 'CA1', status: 'in-progress', sequenceNumber: 2 }).changed).toBe(
      true,
    );
    expect(store.apply({ callSid: 'CA1', status: 'in-progress', sequenceNumber: 2 }).changed).toBe(
      false,
    );
    expect(store.apply({ callSid: 'CA1', status: 'ringing', sequenceNumber: 1 }).changed).toBe(
      false,
    );
    expect(store.get('CA1')?.status).toBe('in-progress');
  });

  it('lets a losing callback fill details still unknown', () => {
    const store = createCallStatusStore();
    store.apply({ callSid: 'CA1', status: 'completed', sequenceNumber: 3 });
    const { changed, record } = store.apply({
      callSid: 'CA1',
      status: 'in-progress',
      sequenceNumber: 2,
      answeredBy: 'human',
    });
    expect(changed).toBe(true);
    expect(record).toMatchObject({ status: 'completed', sequenceNumber: 3, answeredBy: 'human' });
  });

  it('forgets the least recently updated call past its limit', () => {
    const store = createCallStatusStore({ maxCalls: 2 });
    store.apply({ callSid: 'A', status: 'ringing' });
    store.apply({ callSid: 'B', status: 'ringing' });
    store.apply({ callSid: 'A', status: 'in-progress' });
    store.apply({ callSid: 'C', status: 'ringing' });
    expect(store.size).toBe(2);
    expect(store.get('B')).toBeUndefined();
    expect(store.get('A')?.status).toBe('in-progress');
    expect(store.delete('A')).toBe(true);
  });
});
