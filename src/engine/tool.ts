import type { JsonSchema } from '../providers/spec/llm-model-v1.js';

/** What a tool may know about the call it runs in. */
export interface ToolContext {
  readonly callId: string;
  readonly from: string;
  readonly to: string;
  /** Aborted when the call ends or the tool times out. */
  readonly abortSignal: AbortSignal;
  /** Variables known for this call (routing, API, lookups). */
  readonly variables: Readonly<Record<string, string>>;
}

/**
 * Terminal tools end or hand off the call. They run only after the agent's utterance that carried
 * them has played out, and never if that generation was interrupted.
 */
export type ToolKind = 'normal' | 'end-call' | 'transfer';

export interface ToolV1 {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema;
  readonly kind: ToolKind;
  /** Per-tool timeout; the engine's default applies when absent. */
  readonly timeoutMs?: number;
  /**
   * Runs the tool. The result is serialised to JSON for the model. Throwing reports the message to
   * the model as a tool error; it never ends the call.
   */
  execute(args: Readonly<Record<string, unknown>>, context: ToolContext): Promise<unknown>;
}
