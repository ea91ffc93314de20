import type { AnalysisSettings } from '../../agents/agent-definition.js';
import { SwitchboardError } from '../../errors/switchboard-error.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import { ANALYSIS_REFUSED, INVALID_ANALYSIS_REPLY } from './analysis-reply.js';
import {
  wantedAnalysisParts,
  type AnalysisInput,
  type CallAnalysis,
  type CallAnalyzer,
  type LlmAnalysisPart,
  type LlmAnalysisParts,
} from './call-analysis.js';
import { deriveCallFacts } from './derive-call-facts.js';

export const NO_LLM_REASON = 'no LLM is configured for this organisation';
export const DISABLED_REASON = 'analysis is turned off for this agent';

export interface AnalyzeCallOptions {
  readonly now?: () => Date;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
}

const NO_LLM_PARTS: LlmAnalysisParts = {
  summary: null,
  sentiment: null,
  success: null,
  voicemail: null,
  fields: null,
};

/**
 * The analysis to store on an ended call. The derived facts are always there; the LLM parts come
 * from `analyzer` when analysis is enabled and an analyzer is given. Never throws for an analyzer
 * failure: it returns the derived analysis, says why in `unavailableReason`, and sets `retryable`
 * so a job can decide whether to try again later.
 *
 * @example
 * const analysis = await analyzeCall(input, agent.analysis, analyzer, { logger });
 * if (analysis.retryable === true) throw new Error('retry later'); // let the job queue retry
 */
export async function analyzeCall(
  input: AnalysisInput,
  settings: AnalysisSettings,
  analyzer: CallAnalyzer | undefined,
  options: AnalyzeCallOptions = {},
): Promise<CallAnalysis> {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const facts = deriveCallFacts(input);
  const wanted = wantedAnalysisParts(settings);
  const derived = (reason: string, retryable?: boolean): CallAnalysis => ({
    version: 1,
    generatedAt: now().toISOString(),
    source: 'derived',
    model: null,
    ...facts,
    ...NO_LLM_PARTS,
    unavailable: wanted,
    unavailableReason: reason,
    ...(retryable === undefined ? {} : { retryable }),
  });

  if (!settings.enabled) return derived(DISABLED_REASON);
  if (analyzer === undefined) return derived(NO_LLM_REASON);

  let parts: LlmAnalysisParts;
  try {
    parts = await analyzer.analyze(input, settings, options.signal);
  } catch (error) {
    const failure = describeFailure(error);
    logger.warn(
      {
        callId: input.callId,
        model: analyzer.model,
        code: failure.code,
        retryable: failure.retryable,
        ...(failure.safe ? { reason: failure.reason } : { pii: { reason: failure.reason } }),
      },
      'call analysis failed; storing the derived facts only',
    );
    return derived(failure.reason, failure.retryable);
  }

  // Keep only what the settings ask for, whatever the analyzer returned.
  const kept: LlmAnalysisParts = {
    summary: wanted.includes('summary') ? parts.summary : null,
    sentiment: wanted.includes('sentiment') ? parts.sentiment : null,
    success: parts.success,
    voicemail: wanted.includes('voicemail') ? parts.voicemail : null,
    fields: wanted.includes('fields') ? parts.fields : null,
  };
  const missing = wanted.filter((part: LlmAnalysisPart) => kept[part] === null);
  return {
    version: 1,
    generatedAt: now().toISOString(),
    source: 'llm',
    model: analyzer.model,
    ...facts,
    ...kept,
    unavailable: missing,
    ...(missing.length === 0
      ? {}
      : { unavailableReason: `the LLM did not produce: ${missing.join(', ')}` }),
  };
}

interface Failure {
  readonly reason: string;
  readonly retryable: boolean;
  readonly code: string | undefined;
  /** Our own errors carry no personal data; anything else might. */
  readonly safe: boolean;
}

function describeFailure(error: unknown): Failure {
  if (SwitchboardError.isInstance(error)) {
    const aboutReply = error.code === INVALID_ANALYSIS_REPLY || error.code === ANALYSIS_REFUSED;
    return {
      reason: aboutReply ? error.message : `the LLM request failed: ${error.message}`,
      retryable: error.retryable,
      code: error.code,
      safe: true,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    reason: `the analysis failed unexpectedly: ${message}`,
    retryable: false,
    code: undefined,
    safe: false,
  };
}
