import type { AnalysisSettings } from '../../agents/agent-definition.js';
import { ProviderError } from '../../errors/provider-error.js';
import {
  providerErrorFromNetwork,
  providerErrorFromResponse,
} from '../../providers/openai/openai-error.js';
import {
  buildOpenAiHeaders,
  resolveOpenAiConnection,
  type OpenAiConnectionSettings,
  type ResolvedOpenAiConnection,
} from '../../providers/openai/openai-settings.js';
import { buildAnalysisJsonSchema } from './analysis-json-schema.js';
import { buildAnalysisMessages } from './analysis-prompt.js';
import {
  ANALYSIS_REFUSED,
  INVALID_ANALYSIS_REPLY,
  parseAnalysisReply,
  type ReplySource,
} from './analysis-reply.js';
import type { CallAnalyzer, LlmAnalysisParts } from './call-analysis.js';
import { deriveCallFacts } from './derive-call-facts.js';

export const DEFAULT_ANALYSIS_TIMEOUT_MS = 60_000;
/** The `json_schema.name` sent with every request. */
export const ANALYSIS_SCHEMA_NAME = 'call_analysis';

export interface OpenAiCallAnalyzerSettings extends OpenAiConnectionSettings {
  /** The chat model, usually the agent's `analysis.model`. */
  readonly model: string;
  /** For the whole request, body included. Default 60 s. */
  readonly timeoutMs?: number;
}

/**
 * A `CallAnalyzer` on OpenAI's Chat Completions API (or a compatible server): one non-streaming
 * request with a strict `json_schema` response format and temperature 0. Throws `ConfigError` at
 * once when the connection settings are unusable, and `ProviderError` per call: retryable for
 * network failures, timeouts, 429 and 5xx; not retryable for other 4xx, refusals and replies that
 * are not JSON or do not match the schema.
 *
 * @example
 * const analyzer = createOpenAiCallAnalyzer({ apiKey, model: agent.analysis.model });
 * const analysis = await analyzeCall(input, agent.analysis, analyzer, { logger });
 */
export function createOpenAiCallAnalyzer(settings: OpenAiCallAnalyzerSettings): CallAnalyzer {
  const connection = resolveOpenAiConnection(settings);
  const timeoutMs = settings.timeoutMs ?? DEFAULT_ANALYSIS_TIMEOUT_MS;
  const source: ReplySource = { provider: connection.providerName, model: settings.model };
  return {
    model: settings.model,
    async analyze(input, analysisSettings, signal) {
      const body = {
        model: settings.model,
        temperature: 0,
        messages: buildAnalysisMessages(input, analysisSettings, deriveCallFacts(input)),
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: ANALYSIS_SCHEMA_NAME,
            strict: true,
            schema: buildAnalysisJsonSchema(analysisSettings),
          },
        },
      };
      const payload = await post(connection, body, timeoutMs, signal);
      return partsOf(payload, analysisSettings, source, connection, input.callId);
    },
  };
}

async function post(
  connection: ResolvedOpenAiConnection,
  body: unknown,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): Promise<unknown> {
  const provider = connection.providerName;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal === undefined ? timeout : AbortSignal.any([callerSignal, timeout]);
  let text: string;
  try {
    const response = await connection.fetch(`${connection.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: buildOpenAiHeaders(connection, {
        'content-type': 'application/json',
        accept: 'application/json',
      }),
      body: JSON.stringify(body),
      signal,
    });
    if (!response.ok) throw await providerErrorFromResponse(response, provider, 'call analysis');
    text = await response.text();
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (callerSignal?.aborted === true)
      throw new ProviderError(`${provider}: call analysis was cancelled`, {
        provider,
        code: 'aborted',
        retryable: true,
        cause: error,
      });
    if (timeout.aborted)
      throw new ProviderError(
        `${provider}: call analysis timed out after ${Math.round(timeoutMs / 100) / 10} s`,
        { provider, code: 'timeout', retryable: true, cause: error },
      );
    throw providerErrorFromNetwork(error, provider, 'call analysis');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError(`${provider}: call analysis answered with a body that is not JSON`, {
      provider,
      code: INVALID_ANALYSIS_REPLY,
      retryable: false,
    });
  }
}

function partsOf(
  payload: unknown,
  settings: AnalysisSettings,
  source: ReplySource,
  connection: ResolvedOpenAiConnection,
  callId: string,
): LlmAnalysisParts {
  const choice = firstChoice(payload);
  const message = recordOf(choice?.message);
  const suffix = `(provider ${source.provider}, model ${source.model})`;
  if (typeof message?.refusal === 'string' && message.refusal !== '') {
    connection.logger.warn(
      { callId, model: source.model, pii: { refusal: message.refusal } },
      'call analysis refused by the model',
    );
    throw new ProviderError(`the LLM refused to analyse the call ${suffix}`, {
      provider: source.provider,
      code: ANALYSIS_REFUSED,
      retryable: false,
    });
  }
  if (choice?.finish_reason === 'length')
    throw new ProviderError(`the LLM reply was cut off at its length limit ${suffix}`, {
      provider: source.provider,
      code: INVALID_ANALYSIS_REPLY,
      retryable: false,
    });
  if (typeof message?.content !== 'string')
    throw new ProviderError(`the LLM reply has no message content ${suffix}`, {
      provider: source.provider,
      code: INVALID_ANALYSIS_REPLY,
      retryable: false,
    });
  return parseAnalysisReply(message.content, settings, source);
}

function firstChoice(payload: unknown): Record<string, unknown> | undefined {
  const choices = recordOf(payload)?.choices;
  return Array.isArray(choices) ? recordOf(choices[0]) : undefined;
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
