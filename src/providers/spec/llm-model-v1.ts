import type { SwitchboardError } from '../../errors/switchboard-error.js';
import type { Logger } from '../../logging/logger.js';

/** A JSON Schema object describing tool parameters. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema;
}

/** A tool call as the model issued it. `arguments` is the raw JSON text. */
export interface ToolCallRequest {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

export type ChatMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string }
  | {
      readonly role: 'assistant';
      readonly content: string | null;
      readonly toolCalls?: readonly ToolCallRequest[];
    }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

export type LlmFinishReason = 'stop' | 'tool-calls' | 'length' | 'content-filter' | 'other';

/** Parts of one streamed completion, in order. */
export type LlmStreamPart =
  | { readonly type: 'text-delta'; readonly text: string }
  /** Emitted once the call's arguments are complete. */
  | ({ readonly type: 'tool-call' } & ToolCallRequest)
  | { readonly type: 'usage'; readonly inputTokens: number; readonly outputTokens: number }
  | { readonly type: 'error'; readonly error: SwitchboardError }
  | { readonly type: 'finish'; readonly reason: LlmFinishReason };

export interface LlmStreamOptions {
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolDefinition[];
  readonly toolChoice?: 'auto' | 'none' | 'required';
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly abortSignal?: AbortSignal;
  readonly providerOptions?: Readonly<Record<string, unknown>>;
  /**
   * The call's logger: what the provider logs about this stream carries the call's bindings
   * (`callId`, `callSid`). Falls back to the model's own logger.
   */
  readonly logger?: Logger;
}

export interface LlmCapabilities {
  readonly tools: boolean;
  readonly parallelToolCalls: boolean;
}

export interface LlmModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: LlmCapabilities;
  /**
   * Starts a completion. Rejects with a `ProviderError` if the request fails before streaming
   * starts; failures after that arrive as an `error` part followed by the end of the stream.
   */
  stream(options: LlmStreamOptions): Promise<{ stream: ReadableStream<LlmStreamPart> }>;
}
