import { ProviderError } from '../../errors/provider-error.js';
import type { Logger } from '../../logging/logger.js';
import type { LlmFinishReason, LlmStreamPart } from '../spec/llm-model-v1.js';
import { messageOf } from './openai-error.js';
import type { SseEvent } from './openai-sse-decoder.js';
import { ToolCallAccumulator } from './openai-tool-call-accumulator.js';

/** What one SSE event produced; `done` means the stream must end after `parts`. */
export interface ChunkResult {
  readonly parts: LlmStreamPart[];
  readonly done: boolean;
}

/**
 * Turns `chat.completion.chunk` events into stream parts. Tool calls are emitted when the choice
 * finishes; usage is remembered (some servers repeat it on every chunk) and emitted once, just
 * before `finish`, which is held back until `[DONE]` or the end of the body.
 */
export class ChatStreamReader {
  readonly #provider: string;
  readonly #logger: Logger;
  readonly #toolCalls = new ToolCallAccumulator();
  #finishReason: LlmFinishReason | undefined;
  #emittedToolCalls = 0;
  #usage: { inputTokens: number; outputTokens: number } | undefined;

  constructor(provider: string, logger: Logger) {
    this.#provider = provider;
    this.#logger = logger;
  }

  accept(event: SseEvent): ChunkResult {
    const data = event.data.trim();
    if (data === '[DONE]') return { parts: this.#complete(), done: true };
    if (data === '') return { parts: [], done: false };
    const chunks = parseChunks(data);
    if (chunks === undefined && event.event === 'error') {
      // An `event: error` whose data is plain text: the text is the message.
      return this.#fail(
        `the server reported an error mid-stream: ${data.slice(0, 300)}`,
        'stream_error',
        true,
      );
    }
    if (chunks === undefined) {
      this.#logger.warn(
        { pii: { data: data.slice(0, 200) } },
        'openai stream carried malformed JSON',
      );
      return this.#fail('the stream carried a line that is not JSON', 'invalid_response', false);
    }
    const parts: LlmStreamPart[] = [];
    for (const chunk of chunks) {
      if (chunk === '[DONE]') return { parts: [...parts, ...this.#complete()], done: true };
      if (event.event === 'error' || (chunk.error !== undefined && chunk.error !== null)) {
        const detail = messageOf(chunk.error) ?? messageOf(chunk) ?? 'no details';
        const failure = this.#fail(
          `the server reported an error mid-stream: ${detail}`,
          'stream_error',
          true,
        );
        return { parts: [...parts, ...failure.parts], done: true };
      }
      this.#acceptChunk(chunk, parts);
    }
    return { parts, done: false };
  }

  /** The body ended. Without `[DONE]` that is fine after a finish reason, a truncation otherwise. */
  endOfBody(): LlmStreamPart[] {
    // Half-streamed tool arguments are never executed: no finish reason means truncation.
    if (this.#finishReason === undefined) {
      return this.#fail('the stream ended before the completion finished', 'stream_truncated', true)
        .parts;
    }
    return this.#complete();
  }

  /** A read failed mid-stream (connection reset). */
  networkFailure(error: unknown): LlmStreamPart[] {
    const reason = error instanceof Error ? error.message : String(error);
    return this.#fail(`the stream broke: ${reason}`, 'network_error', true, error).parts;
  }

  #acceptChunk(chunk: Record<string, unknown>, parts: LlmStreamPart[]): void {
    this.#rememberUsage(chunk.usage);
    const groq = chunk.x_groq;
    if (typeof groq === 'object' && groq !== null)
      this.#rememberUsage((groq as Record<string, unknown>).usage);
    if (!Array.isArray(chunk.choices)) return;
    // We always ask for one choice; servers that send more get their first one used.
    const choice: unknown = chunk.choices.find(
      (candidate: unknown) => isRecord(candidate) && (candidate.index ?? 0) === 0,
    );
    if (!isRecord(choice)) return;
    const delta = isRecord(choice.delta)
      ? choice.delta
      : isRecord(choice.message)
        ? choice.message
        : {};
    for (const textField of ['content', 'refusal'] as const) {
      const text = delta[textField];
      if (typeof text === 'string' && text !== '') parts.push({ type: 'text-delta', text });
    }
    if (Array.isArray(delta.tool_calls)) {
      for (const fragment of delta.tool_calls) this.#toolCalls.accept(fragment);
    }
    if (typeof choice.finish_reason === 'string' && choice.finish_reason !== '') {
      this.#finishReason = mapFinishReason(choice.finish_reason);
      parts.push(...this.#drainToolCalls());
    }
  }

  #drainToolCalls(): LlmStreamPart[] {
    const { calls, nameless } = this.#toolCalls.drain();
    if (nameless > 0)
      this.#logger.warn({ nameless }, 'openai stream carried tool calls without a name');
    this.#emittedToolCalls += calls.length;
    return calls.map((call) => ({ type: 'tool-call', ...call }));
  }

  #complete(): LlmStreamPart[] {
    const parts = this.#drainToolCalls();
    if (this.#usage !== undefined) parts.push({ type: 'usage', ...this.#usage });
    let reason = this.#finishReason ?? (this.#emittedToolCalls > 0 ? 'tool-calls' : 'other');
    // Some servers finish tool-call turns with "stop"; the calls are what matters.
    if (reason === 'stop' && this.#emittedToolCalls > 0) reason = 'tool-calls';
    parts.push({ type: 'finish', reason });
    return parts;
  }

  #rememberUsage(usage: unknown): void {
    if (!isRecord(usage)) return;
    const inputTokens = usage.prompt_tokens;
    const outputTokens = usage.completion_tokens;
    if (typeof inputTokens === 'number' && typeof outputTokens === 'number') {
      this.#usage = { inputTokens, outputTokens };
    }
  }

  #fail(reason: string, code: string, retryable: boolean, cause?: unknown): ChunkResult {
    const error = new ProviderError(`${this.#provider}: chat completion stream failed: ${reason}`, {
      provider: this.#provider,
      code,
      retryable,
      cause,
    });
    return { parts: [{ type: 'error', error }], done: true };
  }
}

/**
 * Parses an event's data. Servers that omit the blank line between events make the decoder join
 * several `data:` lines; those are split and parsed one by one.
 */
function parseChunks(data: string): (Record<string, unknown> | '[DONE]')[] | undefined {
  const whole = parseObject(data);
  if (whole !== undefined) return [whole];
  if (!data.includes('\n')) return undefined;
  const chunks: (Record<string, unknown> | '[DONE]')[] = [];
  for (const line of data.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed === '[DONE]') {
      chunks.push('[DONE]');
      continue;
    }
    const parsed = parseObject(trimmed);
    if (parsed === undefined) return undefined;
    chunks.push(parsed);
  }
  return chunks;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapFinishReason(reason: string): LlmFinishReason {
  switch (reason) {
    case 'stop':
    case 'eos':
      return 'stop';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}
