import { describe, expect, it } from 'vitest';
import { bookedCallInput } from './analysis-input.fixture.js';
import type { AnalysisInput } from './call-analysis.js';
import { deriveCallFacts } from './derive-call-facts.js';

function withCall(call: Partial<AnalysisInput['call']>): AnalysisInput {
  return { ...bookedCallInput, call: { ...bookedCallInput.call, ...call } };
}

describe('deriveCallFacts', () => {
  it('counts turns, tools and bookings of a recorded call', () => {
    expect(deriveCallFacts(bookedCallInput)).toEqual({
      durationSeconds: 95,
      // agent | caller caller | agent agent | caller (and a blank line) | agent
      turns: 5,
      callerTurns: 2,
      callerSpoke: true,
      toolsUsed: ['lookup_customer', 'get_available_slots', 'book_appointment'],
      toolErrors: 1,
      appointmentsBooked: [
        { id: 'appt-1', serviceType: 'oil change', startsAt: '2025-01-07T09:00:00Z' },
      ],
      endReason: 'caller_hangup',
      disposition: 'booked',
    });
  });

  it('rounds the duration to whole seconds, and falls back to the answer and end times', () => {
    expect(deriveCallFacts(withCall({ durationMs: 1_499 })).durationSeconds).toBe(1);
    expect(deriveCallFacts(withCall({ durationMs: 1_500 })).durationSeconds).toBe(2);
    expect(deriveCallFacts(withCall({ durationMs: null })).durationSeconds).toBe(95);
    expect(
      deriveCallFacts(withCall({ durationMs: null, answeredAt: null })).durationSeconds,
    ).toBeNull();
  });

  it('says the caller never spoke when only the agent did', () => {
    const facts = deriveCallFacts({
      ...bookedCallInput,
      transcript: [{ speaker: 'agent', text: 'Hello?', startMs: 0, interrupted: false }],
      toolCalls: [],
      appointments: [],
    });
    expect(facts).toMatchObject({
      turns: 1,
      callerTurns: 0,
      callerSpoke: false,
      toolsUsed: [],
      toolErrors: 0,
      appointmentsBooked: [],
    });
  });
});
