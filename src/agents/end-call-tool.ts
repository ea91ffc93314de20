import type { ToolV1 } from '../engine/tool.js';

/** Options shared by the built-in tools. */
export interface BuiltInToolOptions {
  /** Per-tool timeout; the engine's default applies when absent. */
  readonly timeoutMs?: number;
}

/**
 * `end_call`: lets the model hang up once the conversation is over. Kind `end-call`, so the engine
 * hangs up only after the goodbye that carried the call has played, and never if it was
 * interrupted. The optional `reason` is for records only.
 */
export function createEndCallTool(options: BuiltInToolOptions = {}): ToolV1 {
  return {
    name: 'end_call',
    description:
      'Hang up the call. Use it only when the conversation is finished and you have said goodbye in the same reply, or the caller asked to end the call.',
    parameters: {
      type: 'object',
      properties: {
        reason: {
          type: 'string',
          description: 'Short reason for ending the call, for the call record.',
        },
      },
      additionalProperties: false,
    },
    kind: 'end-call',
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    execute: () => Promise.resolve({ ok: true }),
  };
}
