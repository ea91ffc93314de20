import type { ServerResponse } from 'node:http';
import {
  buildCompletion,
  buildStreamChunks,
  fakeId,
  type ChunkShape,
} from './fake-openai-chunks.js';
import { pause, sendError, sendFakeFailure, sendJson } from './fake-openai-http.js';
import { findResponseFormatProblem } from './fake-openai-response-format.js';
import type {
  ChatRequestBody,
  ChatRequestMessage,
  FakeOpenAiOptions,
  FakePolicy,
} from './fake-openai-types.js';

export interface ChatContext {
  readonly options: FakeOpenAiOptions;
  readonly policy: FakePolicy;
  readonly index: number;
  /** Aborted when the server closes. */
  readonly serverSignal: AbortSignal;
}

/** `POST /v1/chat/completions`: validates like the real API, asks the policy, streams or not. */
export async function handleChatCompletions(
  response: ServerResponse,
  body: unknown,
  context: ChatContext,
): Promise<void> {
  const problem = validate(body);
  if (problem !== undefined) {
    sendError(response, 400, problem.message, { param: problem.param, code: problem.code });
    return;
  }
  const request = body as ChatRequestBody;
  let reply;
  try {
    reply = await context.policy(request, context.index);
  } catch (error) {
    sendFakeFailure(response, 'policy', error);
    return;
  }
  const { options } = context;
  const shape: ChunkShape = {
    id: fakeId('chatcmpl-'),
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    includeUsage: request.stream_options?.include_usage === true,
    wordsPerDelta: Math.max(1, options.wordsPerDelta ?? 3),
    argumentFragmentChars: Math.max(1, options.argumentFragmentChars ?? 8),
    toolCallIndexing: options.toolCallIndexing ?? 'distinct',
    interleaveToolCalls: options.interleaveToolCalls ?? false,
    toolCallFinishReason: options.toolCallFinishReason ?? 'tool_calls',
  };
  if (request.stream !== true) {
    if (!(await pause(options.firstTokenDelayMs ?? 0, context.serverSignal))) return;
    const completion = buildCompletion(request, reply, shape);
    if (reply.refusal !== undefined) markRefusal(completion, reply.refusal);
    sendJson(response, 200, completion);
    return;
  }

  const closed = new AbortController();
  response.on('close', () => closed.abort());
  const signal = AbortSignal.any([closed.signal, context.serverSignal]);
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': fakeId('req_'),
  });
  response.flushHeaders();
  if (reply.rawSse !== undefined) {
    if (await pause(options.firstTokenDelayMs ?? 0, signal)) response.end(reply.rawSse);
    return;
  }
  const lineEnding = options.lineEnding ?? '\n';
  const event = (data: string): string => `data: ${data}${lineEnding}${lineEnding}`;
  if (options.keepAliveComments === true) response.write(`: keep-alive${lineEnding}${lineEnding}`);

  const chunks = buildStreamChunks(request, reply, shape);
  const opensWithRoleOnly = reply.text !== undefined && reply.text !== '';
  for (const [position, chunk] of chunks.entries()) {
    // The role-only opening travels with the first token; finish and usage follow the last at once.
    const isTrailer = position > 0 && (chunk.choices as unknown[]).every(isFinishOrEmpty);
    const travelsWithPrevious = isTrailer || (position === 1 && opensWithRoleOnly);
    const wait =
      position === 0
        ? (options.firstTokenDelayMs ?? 0)
        : travelsWithPrevious
          ? 0
          : (options.tokenIntervalMs ?? 0);
    if (!(await pause(wait, signal))) return;
    response.write(event(JSON.stringify(chunk)));
  }
  response.end(event('[DONE]'));
}

function isFinishOrEmpty(choice: unknown): boolean {
  return (
    typeof choice === 'object' &&
    choice !== null &&
    (choice as Record<string, unknown>).finish_reason !== null
  );
}

function validate(
  body: unknown,
): { message: string; param: string | null; code: string | null } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { message: 'The request body must be a JSON object.', param: null, code: null };
  }
  const record = body as Record<string, unknown>;
  if (typeof record.model !== 'string' || record.model === '') {
    return { message: 'You must provide a model parameter.', param: 'model', code: null };
  }
  if (!Array.isArray(record.messages) || record.messages.length === 0) {
    return {
      message: "Invalid 'messages': expected a non-empty array of messages.",
      param: 'messages',
      code: 'invalid_value',
    };
  }
  for (const [position, message] of record.messages.entries()) {
    if (
      typeof message !== 'object' ||
      message === null ||
      typeof (message as Record<string, unknown>).role !== 'string'
    ) {
      return {
        message: `Invalid 'messages[${position}]': each message needs a role.`,
        param: `messages[${position}]`,
        code: 'invalid_value',
      };
    }
  }
  if (record.tool_choice !== undefined && record.tools === undefined) {
    return {
      message:
        "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
      param: 'tool_choice',
      code: null,
    };
  }
  if (record.parallel_tool_calls !== undefined && record.tools === undefined) {
    return {
      message: "Invalid value for 'parallel_tool_calls': only allowed when 'tools' are specified.",
      param: 'parallel_tool_calls',
      code: null,
    };
  }
  return findResponseFormatProblem(
    record.response_format,
    record.messages as readonly ChatRequestMessage[],
  );
}

/** A structured-output refusal: the text moves to `message.refusal` and `content` is null. */
function markRefusal(completion: Record<string, unknown>, refusal: string): void {
  const choices = completion.choices as { message: Record<string, unknown> }[];
  for (const choice of choices) {
    choice.message.content = null;
    choice.message.refusal = refusal;
  }
}
