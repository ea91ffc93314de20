import type { AgentDefinition, NumberDefinition, Provisioning } from './agent-definition.js';
import { renderTemplate } from './render-template.js';

/** Lookup of agents by name and by the phone number that was called. */
export interface AgentRegistry {
  readonly agents: readonly AgentDefinition[];
  readonly numbers: readonly NumberDefinition[];
  /** The agent that answers `number` (E.164; spaces, dashes and brackets are ignored). */
  findByNumber(number: string): AgentDefinition | undefined;
  /** The provisioned number entry for `number`, with its carrier. */
  findNumber(number: string): NumberDefinition | undefined;
  findByName(name: string): AgentDefinition | undefined;
}

/**
 * Carriers and SIP headers write numbers in many ways; compare on the E.164 digits. A leading
 * space stands for a `+` that a form body did not encode.
 */
export function normalizePhoneNumber(number: string): string {
  const compact = number.replace(/[\s().-]/g, '');
  // Only phone numbers are rewritten; SIP URIs and words such as `anonymous` stay as they are.
  if (!/^\+?\d+$/.test(compact)) return number.trim();
  return compact.startsWith('+') ? compact : `+${compact}`;
}

/**
 * Indexes a validated provisioning file.
 *
 * @example
 * const registry = createAgentRegistry(loadProvisioning(path));
 * const agent = registry.findByNumber(webhook.To);
 */
export function createAgentRegistry(provisioning: Provisioning): AgentRegistry {
  const agentsByName = new Map(provisioning.agents.map((agent) => [agent.name, agent]));
  const numbersByNumber = new Map(
    provisioning.numbers.map((entry) => [normalizePhoneNumber(entry.number), entry]),
  );
  return {
    agents: provisioning.agents,
    numbers: provisioning.numbers,
    findByName: (name) => agentsByName.get(name),
    findNumber: (number) => numbersByNumber.get(normalizePhoneNumber(number)),
    findByNumber(number) {
      const entry = numbersByNumber.get(normalizePhoneNumber(number));
      return entry === undefined ? undefined : agentsByName.get(entry.agent);
    },
  };
}

/** An agent's prompt and greeting with its variables filled. */
export interface RenderedAgentText {
  readonly instructions: string;
  readonly firstMessage: string | undefined;
  /** Placeholders with no value in the agent's defaults or the call's variables. */
  readonly missing: readonly string[];
}

/** Fills `instructions` and `firstMessage`; call variables override the agent's defaults. */
export function renderAgentText(
  agent: AgentDefinition,
  callVariables: Readonly<Record<string, string>> = {},
): RenderedAgentText {
  const variables = { ...agent.variables, ...callVariables };
  const instructions = renderTemplate(agent.instructions, variables);
  const firstMessage =
    agent.firstMessage === undefined ? undefined : renderTemplate(agent.firstMessage, variables);
  const missing = [...new Set([...instructions.missing, ...(firstMessage?.missing ?? [])])];
  return { instructions: instructions.text, firstMessage: firstMessage?.text, missing };
}
