import type { ToolV1 } from '../engine/tool.js';
import type { AgentDefinition, BookingToolName } from './agent-definition.js';
import { createEndCallTool } from './end-call-tool.js';
import { createHttpTool, type HttpToolOptions } from './http-tools/create-http-tool.js';
import { createTransferCallTool } from './transfer-call-tool.js';

/** Builds a booking tool for the call's organisation; absent where there is no booking data. */
export type BookingToolFactory = (
  name: BookingToolName,
  options: { readonly timeoutMs: number },
) => ToolV1 | undefined;

/**
 * The built-in tools an agent lists under `tools`, in that order, each with the agent's
 * `toolTimeoutMs`. The agent must come from a validated file (transfer_call has destinations).
 * Booking tools come from `bookingTools`; without it they are left out.
 */
export function buildAgentTools(
  agent: AgentDefinition,
  bookingTools?: BookingToolFactory,
  httpToolOptions?: HttpToolOptions,
): ToolV1[] {
  const options = { timeoutMs: agent.toolTimeoutMs };
  const tools: ToolV1[] = [];
  for (const name of agent.tools) {
    if (name === 'end_call') tools.push(createEndCallTool(options));
    else if (name === 'transfer_call')
      tools.push(createTransferCallTool(agent.transferDestinations, options));
    else {
      const tool = bookingTools?.(name, options);
      if (tool !== undefined) tools.push(tool);
    }
  }
  // Without an organisation to sign for (no platform), HTTP tools are left out.
  if (httpToolOptions !== undefined) {
    for (const definition of agent.httpTools)
      tools.push(createHttpTool(definition, httpToolOptions));
  }
  return tools;
}
