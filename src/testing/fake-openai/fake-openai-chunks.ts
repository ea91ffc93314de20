import { randomBytes } from 'node:crypto';
import type { ChatRequestBody, FakeReply } from './fake-openai-types.js';

export interface ChunkShape {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly includeUsage: boolean;
  readonly wordsPerDelta: number;
  readonly argumentFragmentChars: number;
  readonly toolCallIndexing: 'distinct' | 'reuse-zero';
  readonly interleaveToolCalls: boolean;
  readonly toolCallFinishReason: 'tool_calls' | 'stop';
}

interface WireToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** An id in the style of OpenAI's (`chatcmpl-…`, `call_…`). */
export function fakeId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('base64url')}`;
}

/** Splits text into deltas of a few words each; joined, they give back the text exactly. */
export function splitIntoDeltas(text: string, wordsPerDelta: number): string[] {
  const tokens = text.match(/\s*\S+/g) ?? [];
  if (tokens.length === 0) return text === '' ? [] : [text];
  const pieces: string[] = [];
  for (let start = 0; start < tokens.length; start += wordsPerDelta) {
    pieces.push(tokens.slice(start, start + wordsPerDelta).join(''));
  }
  const tail = text.slice(tokens.join('').length);
  pieces[pieces.length - 1] += tail;
  return pieces;
}

/** A rough token count (4 characters a token), enough for plausible usage numbers. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function promptTokens(body: ChatRequestBody): number {
  return (
    estimateTokens(JSON.stringify(body.messages)) +
    (body.tools ? estimateTokens(JSON.stringify(body.tools)) : 0)
  );
}

function toWireCalls(reply: FakeReply): WireToolCall[] {
  return (reply.toolCalls ?? []).map((call) => ({
    id: fakeId('call_'),
    name: call.name,
    arguments: JSON.stringify(call.arguments),
  }));
}

function finishReasonOf(
  reply: FakeReply,
  calls: readonly WireToolCall[],
  toolCallFinishReason: string,
): string {
  if (reply.finishReason !== undefined) return reply.finishReason;
  if (calls.length > 0) return toolCallFinishReason;
  return 'stop';
}

function usageOf(
  body: ChatRequestBody,
  reply: FakeReply,
  calls: readonly WireToolCall[],
): Record<string, unknown> {
  const prompt = promptTokens(body);
  const completion =
    estimateTokens(reply.text ?? '') +
    calls.reduce((sum, call) => sum + estimateTokens(call.name + call.arguments), 0);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/**
 * The `chat.completion.chunk` objects of a streamed reply, shaped like OpenAI's: a first delta
 * with the role, content deltas, tool-call fragments (id, type and name only in the first fragment
 * of each index, then argument pieces), a finish chunk with an empty delta and, when usage was
 * requested, a last chunk with `choices: []`. The caller appends `[DONE]`.
 */
export function buildStreamChunks(
  body: ChatRequestBody,
  reply: FakeReply,
  shape: ChunkShape,
): Record<string, unknown>[] {
  const calls = toWireCalls(reply);
  const base = {
    id: shape.id,
    object: 'chat.completion.chunk',
    created: shape.created,
    model: shape.model,
    system_fingerprint: 'fp_fake',
  };
  const usageField = shape.includeUsage ? { usage: null } : {};
  const chunk = (
    delta: Record<string, unknown>,
    finishReason: string | null = null,
  ): Record<string, unknown> => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...usageField,
  });

  const chunks: Record<string, unknown>[] = [];
  const textPieces = splitIntoDeltas(reply.text ?? '', shape.wordsPerDelta);
  if (textPieces.length > 0 || calls.length === 0) {
    chunks.push(chunk({ role: 'assistant', content: '', refusal: null }));
    for (const piece of textPieces) chunks.push(chunk({ content: piece }));
  }

  const fragmentLists = calls.map((call, position) => {
    const index = shape.toolCallIndexing === 'reuse-zero' ? 0 : position;
    const opening = {
      index,
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: '' },
    };
    const pieces: Record<string, unknown>[] = [opening];
    for (let start = 0; start < call.arguments.length; start += shape.argumentFragmentChars) {
      pieces.push({
        index,
        function: { arguments: call.arguments.slice(start, start + shape.argumentFragmentChars) },
      });
    }
    return pieces;
  });
  // Reused indices only make sense one call after another, so interleaving applies to distinct ones.
  const fragments =
    shape.interleaveToolCalls && shape.toolCallIndexing === 'distinct'
      ? interleave(fragmentLists)
      : fragmentLists.flat();
  fragments.forEach((fragment, position) => {
    const opensReply = position === 0 && chunks.length === 0;
    chunks.push(
      chunk(
        opensReply
          ? { role: 'assistant', content: null, tool_calls: [fragment], refusal: null }
          : { tool_calls: [fragment] },
      ),
    );
  });

  chunks.push(chunk({}, finishReasonOf(reply, calls, shape.toolCallFinishReason)));
  if (shape.includeUsage) chunks.push({ ...base, choices: [], usage: usageOf(body, reply, calls) });
  return chunks;
}

/** The JSON body of a non-streamed reply (`object: "chat.completion"`). */
export function buildCompletion(
  body: ChatRequestBody,
  reply: FakeReply,
  shape: ChunkShape,
): Record<string, unknown> {
  const { id, created, model } = shape;
  const calls = toWireCalls(reply);
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: reply.text ?? (calls.length > 0 ? null : ''),
    refusal: null,
  };
  if (calls.length > 0) {
    message.tool_calls = calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: finishReasonOf(reply, calls, shape.toolCallFinishReason),
      },
    ],
    usage: usageOf(body, reply, calls),
  };
}

function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let position = 0; position < longest; position += 1) {
    for (const list of lists) {
      const item = list[position];
      if (item !== undefined) out.push(item);
    }
  }
  return out;
}
