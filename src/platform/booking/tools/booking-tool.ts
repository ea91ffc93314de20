import type { BookingToolName } from '../../../agents/agent-definition.js';
import type { ToolContext, ToolV1 } from '../../../engine/tool.js';
import type { JsonSchema } from '../../../providers/spec/llm-model-v1.js';
import type { BookingCallSession } from './booking-call-session.js';
import { toToolError } from './booking-tool-errors.js';

/** A booking tool before the shared wrapping: what it is and what it does. */
export interface BookingToolSpec {
  readonly name: BookingToolName;
  readonly description: string;
  readonly parameters: JsonSchema;
  execute(
    args: Readonly<Record<string, unknown>>,
    context: ToolContext,
    session: BookingCallSession,
  ): Promise<unknown>;
}

/**
 * Wraps a spec as a `normal` ToolV1: it refuses to start once the call or the tool has been
 * aborted, and maps failures to sentences the model can relay (see toToolError).
 */
export function toBookingTool(
  spec: BookingToolSpec,
  session: BookingCallSession,
  options: { readonly timeoutMs?: number } = {},
): ToolV1 {
  return {
    name: spec.name,
    description: spec.description,
    parameters: spec.parameters,
    kind: 'normal',
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    async execute(args, context) {
      context.abortSignal.throwIfAborted();
      try {
        return await spec.execute(args, context, session);
      } catch (error) {
        throw toToolError(error, {
          tool: spec.name,
          callId: session.callId,
          logger: session.logger,
        });
      }
    },
  };
}
