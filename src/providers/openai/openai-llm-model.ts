import { ConfigError } from '../../errors/config-error.js';
import type { Logger } from '../../logging/logger.js';
import { createStreamLogger, type ProviderLogBindings } from '../shared/stream-logger.js';
import type { LlmModelV1, LlmStreamOptions, LlmStreamPart } from '../spec/llm-model-v1.js';
import { buildChatRequestBody } from './openai-chat-wire.js';
import { ChatStreamReader } from './openai-chat-stream-reader.js';
import { providerErrorFromNetwork, providerErrorFromResponse } from './openai-error.js';
import { openAiLlmOptionsSchema, type OpenAiLlmOptions } from './openai-llm-options.js';
import {
  buildOpenAiHeaders,
  resolveOpenAiConnection,
  type OpenAiConnectionSettings,
  type ResolvedOpenAiConnection,
} from './openai-settings.js';
import { SseDecoder } from './openai-sse-decoder.js';

export interface OpenAiLlmSettings extends OpenAiConnectionSettings {
  /** Model id as the server knows it, e.g. `gpt-4o-mini`, `llama3.1:8b`. */
  readonly model: string;
}

/**
 * A chat model behind any OpenAI-compatible `/chat/completions` endpoint (OpenAI, Groq, vLLM,
 * Ollama, llama.cpp, LM Studio). Streams text deltas, whole tool calls, usage and the finish
 * reason. Aborting ends the parts stream without an error part.
 *
 * @example
 * const llm = createOpenAiLlm({ model: 'gpt-4o-mini' });
 * const { stream } = await llm.stream({ messages: [{ role: 'user', content: 'Hi' }] });
 * for await (const part of stream) if (part.type === 'text-delta') process.stdout.write(part.text);
 */
export function createOpenAiLlm(settings: OpenAiLlmSettings): LlmModelV1 {
  if (settings.model.trim() === '')
    throw new ConfigError('model', 'the OpenAI chat model id is empty');
  const connection = resolveOpenAiConnection(settings);
  const modelId = settings.model.trim();
  const logBindings: ProviderLogBindings = { provider: connection.providerName, component: 'llm' };
  const modelLogger = connection.logger.child(logBindings);
  return {
    specificationVersion: 'v1',
    provider: connection.providerName,
    modelId,
    capabilities: { tools: true, parallelToolCalls: true },
    stream: (options) =>
      startChatStream(
        connection,
        modelId,
        options,
        createStreamLogger(options.logger, modelLogger, logBindings),
      ),
  };
}

async function startChatStream(
  connection: ResolvedOpenAiConnection,
  modelId: string,
  options: LlmStreamOptions,
  logger: Logger,
): Promise<{ stream: ReadableStream<LlmStreamPart> }> {
  const providerOptions = parseProviderOptions(options.providerOptions);
  const body = buildChatRequestBody(modelId, options, providerOptions);
  const { providerName } = connection;
  const abortSignal = options.abortSignal;
  if (abortSignal?.aborted) return { stream: closedStream() };

  logger.debug(
    { model: modelId, messages: options.messages.length, tools: options.tools?.length ?? 0 },
    'openai chat request started',
  );
  let response: Response;
  try {
    response = await connection.fetch(`${connection.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: buildOpenAiHeaders(connection, {
        'content-type': 'application/json',
        accept: 'text/event-stream',
      }),
      body: JSON.stringify(body),
      signal: abortSignal,
    });
  } catch (error) {
    if (abortSignal?.aborted) return { stream: closedStream() };
    throw providerErrorFromNetwork(error, providerName, 'chat completions request');
  }
  if (!response.ok)
    throw await providerErrorFromResponse(response, providerName, 'chat completions request');
  if (response.body === null) {
    throw providerErrorFromNetwork(
      new Error('the response has no body'),
      providerName,
      'chat completions request',
    );
  }
  return {
    stream: createPartStream(
      response.body,
      new ChatStreamReader(providerName, logger),
      abortSignal,
      logger,
    ),
  };
}

/**
 * Pulls bytes only as fast as the consumer reads parts. Abort (or cancel) closes the stream at
 * once, without an error part, and releases the connection.
 */
function createPartStream(
  body: ReadableStream<Uint8Array>,
  reader: ChatStreamReader,
  abortSignal: AbortSignal | undefined,
  logger: Logger,
): ReadableStream<LlmStreamPart> {
  const bodyReader = body.getReader();
  const textDecoder = new TextDecoder();
  const sseDecoder = new SseDecoder();
  let finished = false;
  let onAbort: (() => void) | undefined;

  const finish = (
    controller: ReadableStreamDefaultController<LlmStreamPart>,
    parts: LlmStreamPart[],
  ): void => {
    if (finished) return;
    finished = true;
    if (onAbort !== undefined) abortSignal?.removeEventListener('abort', onAbort);
    for (const part of parts) controller.enqueue(part);
    controller.close();
    bodyReader.cancel().catch(() => undefined);
  };

  return new ReadableStream<LlmStreamPart>({
    start(controller) {
      onAbort = () => {
        logger.debug('openai chat stream aborted');
        finish(controller, []);
      };
      abortSignal?.addEventListener('abort', onAbort, { once: true });
    },
    async pull(controller) {
      while (!finished) {
        let chunk: Awaited<ReturnType<typeof bodyReader.read>>;
        try {
          chunk = await bodyReader.read();
        } catch (error) {
          finish(controller, abortSignal?.aborted ? [] : reader.networkFailure(error));
          return;
        }
        if (finished) return;
        if (chunk.done) {
          const events = sseDecoder.push(textDecoder.decode());
          events.push(...sseDecoder.end());
          const parts: LlmStreamPart[] = [];
          for (const event of events) {
            const result = reader.accept(event);
            parts.push(...result.parts);
            if (result.done) return finish(controller, parts);
          }
          return finish(controller, [...parts, ...reader.endOfBody()]);
        }
        let enqueued = false;
        for (const event of sseDecoder.push(textDecoder.decode(chunk.value, { stream: true }))) {
          const result = reader.accept(event);
          if (result.done) return finish(controller, result.parts);
          for (const part of result.parts) controller.enqueue(part);
          enqueued ||= result.parts.length > 0;
        }
        if (enqueued) return;
      }
    },
    cancel() {
      finished = true;
      if (onAbort !== undefined) abortSignal?.removeEventListener('abort', onAbort);
      return bodyReader.cancel().catch(() => undefined);
    },
  });
}

function parseProviderOptions(
  providerOptions: Readonly<Record<string, unknown>> | undefined,
): OpenAiLlmOptions {
  const result = openAiLlmOptionsSchema.safeParse(providerOptions?.openai ?? {});
  if (!result.success) {
    throw new ConfigError(
      'providerOptions.openai',
      result.error.issues
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; '),
    );
  }
  return result.data;
}

function closedStream<T>(): ReadableStream<T> {
  return new ReadableStream<T>({ start: (controller) => controller.close() });
}
