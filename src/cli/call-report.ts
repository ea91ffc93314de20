import { mulawDecode } from '../audio/g711.js';
import { encodeWav } from '../audio/wav.js';
import type { CallEvent } from '../engine/call-events.js';
import type { CallerReport } from '../testing/simulated-caller/simulated-caller.js';

function joinFrames(frames: readonly Uint8Array[]): Int16Array {
  const samples = new Int16Array(frames.length * 160);
  frames.forEach((frame, index) => samples.set(mulawDecode(frame), index * 160));
  return samples;
}

/** Stereo WAV of the simulated call: the caller on the left, what the caller heard on the right. */
export function callerReportToWav(report: CallerReport): Uint8Array {
  return encodeWav([joinFrames(report.sentFrames), joinFrames(report.heardFrames)], 8000);
}

/** One line for an engine event worth showing a person, or undefined. */
export function describeCallEvent(event: CallEvent): string | undefined {
  const at = `${(event.offsetMs / 1000).toFixed(1).padStart(5)}s`;
  switch (event.type) {
    case 'transcript':
      if (!event.final) return undefined;
      return `${at}  ${event.speaker === 'agent' ? 'agent ' : 'caller'}: ${event.pii.text}${event.interrupted ? '  [interrupted]' : ''}`;
    case 'tool-call':
      return `${at}  tool  : ${event.name}(${event.pii.arguments})`;
    case 'tool-result':
      return `${at}  tool  : ${event.name} → ${event.error !== undefined ? `error: ${event.error}` : event.pii.result}`;
    case 'interruption':
      return `${at}  ${event.falseInterruption ? 'false interruption: agent resumes' : `barge-in: the caller heard ${event.heardMs} ms of the reply`}`;
    case 'turn-metrics':
      return `${at}  latency: ${Math.round(event.totalMs)} ms to first agent audio (endpointing ${Math.round(event.endpointingMs)}, stt ${Math.round(event.sttMs)}, llm ${Math.round(event.llmMs)}, tools ${Math.round(event.toolMs)}, tts ${Math.round(event.ttsMs)}, ours ${event.overheadMs.toFixed(1)})`;
    case 'dtmf':
      return `${at}  dtmf  : ${event.pii.digit}`;
    case 'provider-error':
      return `${at}  error : ${event.kind}/${event.provider} ${event.code}: ${event.message}`;
    case 'call-ended':
      return `${at}  call ended: ${event.reason}${event.transferTo !== undefined ? ` → ${event.transferTo}` : ''}`;
    default:
      return undefined;
  }
}

/** The caller-side summary: each line said and how long the agent took to answer it. */
export function describeCallerTurns(report: CallerReport): string[] {
  return report.turns.map(
    (turn, index) =>
      `  turn ${index + 1}${turn.bargeIn ? ' (barge-in)' : ''}: "${turn.said}" → first agent audio after ${
        turn.latencyMs === undefined ? 'none' : `${Math.round(turn.latencyMs)} ms`
      }`,
  );
}
