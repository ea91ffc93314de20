import type { ToolV1 } from '../engine/tool.js';
import type { AgentDefinition } from './agent-definition.js';
import { createEndCallTool } from './end-call-tool.js';
import { createTransferCallTool } from './transfer-call-tool.js';

/**
 * The built-in tools an agent lists under `tools`, in that order, each with the agent's
 * `toolTimeoutMs`. The agent must come from a validated file (transfer_call has destinations).
 */
export function buildAgentTools(agent: AgentDefinition): ToolV1[] {
  const options = { timeoutMs: agent.toolTimeoutMs };
  return agent.tools.map((name) => {
    switch (name) {
      case 'end_call':
        return createEndCallTool(options);
      case 'transfer_call':
        return createTransferCallTool(agent.transferDestinations, options);
    }
  });
}
