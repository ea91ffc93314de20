import type { Sentiment } from '../../api/types.js';
import { SENTIMENTS } from '../../api/types.js';

/** The parts of a call's analysis the page shows, read defensively from its JSON. */
export interface AnalysisView {
  readonly summary: string | null;
  readonly sentiment: Sentiment | null;
  readonly success: { achieved: boolean; reason: string } | null;
  readonly voicemail: boolean | null;
  readonly fields: [string, unknown][];
  readonly facts: [string, string][];
  readonly unavailableReason: string | null;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

function readSuccess(value: unknown): AnalysisView['success'] {
  if (typeof value !== 'object' || value === null) return null;
  const { achieved, reason } = value as Record<string, unknown>;
  return typeof achieved === 'boolean'
    ? { achieved, reason: typeof reason === 'string' ? reason : '' }
    : null;
}

function readFacts(analysis: Record<string, unknown>): [string, string][] {
  const facts: [string, string][] = [];
  const number = (key: string) =>
    typeof analysis[key] === 'number' ? (analysis[key] as number) : null;
  const turns = number('turns');
  if (turns !== null) facts.push(['Turns', `${turns} (caller ${number('callerTurns') ?? 0})`]);
  const tools = analysis.toolsUsed;
  if (Array.isArray(tools))
    facts.push(['Tools used', tools.length === 0 ? 'none' : tools.join(', ')]);
  const toolErrors = number('toolErrors');
  if (toolErrors !== null && toolErrors > 0) facts.push(['Tool errors', String(toolErrors)]);
  const booked = analysis.appointmentsBooked;
  if (Array.isArray(booked)) facts.push(['Appointments booked', String(booked.length)]);
  return facts;
}

/** Reads `CallDetail.analysis` (a JSON object whose shape may grow) into what the page shows. */
export function readAnalysis(analysis: Record<string, unknown>): AnalysisView {
  const sentiment = SENTIMENTS.find((value) => value === analysis.sentiment) ?? null;
  const fields =
    typeof analysis.fields === 'object' && analysis.fields !== null
      ? Object.entries(analysis.fields as Record<string, unknown>)
      : [];
  return {
    summary: text(analysis.summary),
    sentiment,
    success: readSuccess(analysis.success),
    voicemail: typeof analysis.voicemail === 'boolean' ? analysis.voicemail : null,
    fields,
    facts: readFacts(analysis),
    unavailableReason: text(analysis.unavailableReason),
  };
}
