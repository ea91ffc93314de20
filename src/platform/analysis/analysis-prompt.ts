import type { AnalysisSettings } from '../../agents/agent-definition.js';
import type { AnalysisInput, CallFacts } from './call-analysis.js';

/** The transcript's share of the prompt; longer calls keep their last lines. */
export const MAX_TRANSCRIPT_CHARS = 24_000;
const MAX_LINE_CHARS = 2_000;
const MAX_TOOL_CALLS_CHARS = 8_000;
const MAX_TOOL_VALUE_CHARS = 600;
const MAX_INSTRUCTIONS_CHARS = 4_000;
const MAX_GOAL_CHARS = 1_000;

/** A chat message as sent to the Chat Completions API. */
export interface AnalysisPromptMessage {
  readonly role: 'system' | 'user';
  readonly content: string;
}

/**
 * The system and user messages asking for the analysis. The prompt is bounded (about 40k
 * characters at most) however long the call was: instructions, lines and tool values are cut,
 * and only the last part of a long transcript is kept.
 */
export function buildAnalysisMessages(
  input: AnalysisInput,
  settings: AnalysisSettings,
  facts: CallFacts,
): AnalysisPromptMessage[] {
  return [
    { role: 'system', content: systemText(settings) },
    { role: 'user', content: userText(input, settings, facts) },
  ];
}

function systemText(settings: AnalysisSettings): string {
  const parts = [
    'You analyse phone calls that an AI voice agent handled for a business.',
    'Answer with JSON matching the given schema. Base every answer on the transcript, the tool calls and the call facts only; never invent details.',
  ];
  if (settings.summary)
    parts.push(
      '- summary: two or three plain sentences on why the caller called, what the agent did and the outcome.',
    );
  if (settings.sentiment)
    parts.push("- sentiment: the caller's overall mood: positive, neutral or negative.");
  parts.push(
    settings.goal === undefined
      ? '- success: whether the agent did what its instructions (given below) ask of it for this caller, with a one-sentence reason.'
      : '- success: whether the call achieved the goal given below, with a one-sentence reason.',
  );
  if (settings.voicemail)
    parts.push(
      '- voicemail: true when the call reached a voicemail greeting or answering machine instead of a person.',
    );
  if (Object.keys(settings.fields).length > 0)
    parts.push(
      '- fields: extract each custom field as its schema describes; use null when the call does not reveal it.',
    );
  return parts.join('\n');
}

function userText(input: AnalysisInput, settings: AnalysisSettings, facts: CallFacts): string {
  const sections = [
    `Call facts:\n${callFactLines(input, facts).join('\n')}`,
    settings.goal === undefined
      ? `Agent instructions:\n"""\n${cut(input.agent.instructions, MAX_INSTRUCTIONS_CHARS)}\n"""`
      : `Goal: ${cut(settings.goal, MAX_GOAL_CHARS)}`,
  ];
  const fieldLines = Object.entries(settings.fields).map(
    ([name, field]) =>
      `- ${name} (${field.type ?? 'one of the listed values'})${field.description === undefined ? '' : `: ${field.description}`}`,
  );
  if (fieldLines.length > 0) sections.push(`Custom fields:\n${fieldLines.join('\n')}`);
  sections.push(`Transcript (times from the start of the call):\n${transcriptText(input)}`);
  sections.push(`Tool calls:\n${toolCallsText(input)}`);
  return sections.join('\n\n');
}

function callFactLines(input: AnalysisInput, facts: CallFacts): string[] {
  const { call } = input;
  const callerNumber = call.direction === 'inbound' ? call.from : call.to;
  const booked = facts.appointmentsBooked.map(
    (appointment) => `${appointment.serviceType} at ${appointment.startsAt}`,
  );
  return [
    `- Direction: ${call.direction}`,
    `- Caller number: ${callerNumber}`,
    `- Started: ${call.startedAt}`,
    `- Answered: ${call.answeredAt ?? 'no'}`,
    `- Duration: ${facts.durationSeconds === null ? 'unknown' : `${facts.durationSeconds} s`}`,
    `- Status: ${call.status}`,
    `- End reason: ${facts.endReason ?? 'unknown'}`,
    `- Disposition: ${facts.disposition ?? 'none'}`,
    `- Caller turns: ${facts.callerTurns} of ${facts.turns}`,
    `- Appointments booked: ${booked.length === 0 ? 'none' : booked.join('; ')}`,
  ];
}

function transcriptText(input: AnalysisInput): string {
  const lines = input.transcript
    .filter((line) => line.text.trim() !== '')
    .map((line) => {
      const speaker = line.speaker === 'caller' ? 'Caller' : 'Agent';
      const text = cut(line.text.replace(/\s+/g, ' ').trim(), MAX_LINE_CHARS);
      const cutOff = line.interrupted ? ' [cut off by the caller]' : '';
      return `[${clockOf(line.startMs)}] ${speaker}: ${text}${cutOff}`;
    });
  if (lines.length === 0) return '(nobody spoke)';
  return keepLast(lines, MAX_TRANSCRIPT_CHARS, 'earlier lines');
}

function toolCallsText(input: AnalysisInput): string {
  const lines = input.toolCalls.map((call, index) => {
    const outcome =
      call.error === null
        ? `-> ${cut(jsonOf(call.result), MAX_TOOL_VALUE_CHARS)}`
        : `-> error: ${cut(call.error, MAX_TOOL_VALUE_CHARS)}`;
    return `${index + 1}. ${call.name}(${cut(jsonOf(call.arguments), MAX_TOOL_VALUE_CHARS)}) ${outcome}`;
  });
  if (lines.length === 0) return '(none)';
  return keepLast(lines, MAX_TOOL_CALLS_CHARS, 'earlier tool calls');
}

/** The last lines that fit in `budget` characters, with a note on how many were left out. */
function keepLast(lines: readonly string[], budget: number, what: string): string {
  const kept: string[] = [];
  let used = 0;
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index] ?? '';
    if (used + line.length + 1 > budget && kept.length > 0) break;
    kept.unshift(line);
    used += line.length + 1;
  }
  const omitted = lines.length - kept.length;
  return omitted === 0 ? kept.join('\n') : [`[${omitted} ${what} omitted]`, ...kept].join('\n');
}

function clockOf(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${minutes}:${seconds}` : `${minutes}:${seconds}`;
}

function jsonOf(value: unknown): string {
  if (value === undefined) return 'null';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Circular structures and BigInts cannot be JSON; their text form still tells the story.
    return String(value);
  }
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
