import type { AnalysisInput, CallFacts } from './call-analysis.js';

/**
 * The part of the analysis that needs no LLM: duration, turns, tools, bookings and how the call
 * ended. Pure and total: any recorded call gives an answer.
 */
export function deriveCallFacts(input: AnalysisInput): CallFacts {
  const lines = input.transcript.filter((line) => line.text.trim() !== '');
  let turns = 0;
  let callerTurns = 0;
  let previousSpeaker: string | undefined;
  // Endpointing may split one utterance into several final lines; a turn ends when the speaker changes.
  for (const line of lines) {
    if (line.speaker === previousSpeaker) continue;
    previousSpeaker = line.speaker;
    turns += 1;
    if (line.speaker === 'caller') callerTurns += 1;
  }
  return {
    durationSeconds: durationSecondsOf(input.call),
    turns,
    callerTurns,
    callerSpoke: callerTurns > 0,
    toolsUsed: [...new Set(input.toolCalls.map((call) => call.name))],
    toolErrors: input.toolCalls.filter((call) => call.error !== null).length,
    appointmentsBooked: input.appointments
      .filter((appointment) => appointment.status === 'booked')
      .map(({ id, serviceType, startsAt }) => ({ id, serviceType, startsAt })),
    endReason: input.call.endReason,
    disposition: input.call.disposition,
  };
}

function durationSecondsOf(call: AnalysisInput['call']): number | null {
  if (call.durationMs !== null && Number.isFinite(call.durationMs))
    return Math.max(0, Math.round(call.durationMs / 1000));
  if (call.answeredAt === null || call.endedAt === null) return null;
  const elapsed = Date.parse(call.endedAt) - Date.parse(call.answeredAt);
  return Number.isFinite(elapsed) ? Math.max(0, Math.round(elapsed / 1000)) : null;
}
