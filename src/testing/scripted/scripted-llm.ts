import type {
  ChatMessage,
  LlmModelV1,
  LlmStreamOptions,
  LlmStreamPart,
} from '../../providers/spec/llm-model-v1.js';

export interface ScriptedReply {
  readonly text?: string;
  readonly toolCalls?: readonly {
    readonly name: string;
    readonly arguments: Record<string, unknown>;
  }[];
  /** Fail the request instead. */
  readonly error?: Error;
}

/**
 * An in-process LLM that answers from a script and records every request, for engine unit tests
 * (network clients are tested against the fake servers instead). Text streams word by word.
 */
export class ScriptedLlm implements LlmModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider = 'testing';
  readonly modelId = 'scripted';
  readonly capabilities = { tools: true, parallelToolCalls: true };
  readonly requests: ChatMessage[][] = [];
  readonly #respond: (messages: readonly ChatMessage[], index: number) => ScriptedReply;
  #callIds = 0;

  constructor(respond: (messages: readonly ChatMessage[], index: number) => ScriptedReply) {
    this.#respond = respond;
  }

  async stream(options: LlmStreamOptions): Promise<{ stream: ReadableStream<LlmStreamPart> }> {
    const index = this.requests.length;
    this.requests.push([...options.messages]);
    const reply = this.#respond(options.messages, index);
    if (reply.error !== undefined) throw reply.error;
    const parts: LlmStreamPart[] = [];
    const words = (reply.text ?? '').split(/(?<= )/).filter((word) => word.length > 0);
    for (const word of words) parts.push({ type: 'text-delta', text: word });
    for (const call of reply.toolCalls ?? []) {
      parts.push({
        type: 'tool-call',
        id: `call_${++this.#callIds}`,
        name: call.name,
        arguments: JSON.stringify(call.arguments),
      });
    }
    parts.push({ type: 'usage', inputTokens: 10, outputTokens: words.length });
    parts.push({ type: 'finish', reason: reply.toolCalls !== undefined ? 'tool-calls' : 'stop' });
    const signal = options.abortSignal;
    return {
      stream: new ReadableStream<LlmStreamPart>({
        pull(controller) {
          const part = parts.shift();
          if (part === undefined || signal?.aborted === true) controller.close();
          else controller.enqueue(part);
        },
      }),
    };
  }

  /** The last request's messages. */
  get lastRequest(): ChatMessage[] {
    return this.requests[this.requests.length - 1] ?? [];
  }
}
