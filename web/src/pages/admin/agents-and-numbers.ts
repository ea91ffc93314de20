import type { PhoneNumber } from '../../api/admin-types.js';
import { apiGet } from '../../api/client.js';
import type { Agent, ListEnvelope } from '../../api/types.js';

/**
 * Who answers which number: the agents page lists each agent's numbers, the numbers page each
 * number's agent, so both load the two lists.
 */
export interface AgentsAndNumbers {
  readonly agents: readonly Agent[];
  readonly numbers: readonly PhoneNumber[];
}

/** The organisation's agents and phone numbers, asked for at once. */
export async function loadAgentsAndNumbers(): Promise<AgentsAndNumbers> {
  const [agents, numbers] = await Promise.all([
    apiGet<ListEnvelope<Agent>>('/v1/agents'),
    apiGet<ListEnvelope<PhoneNumber>>('/v1/phone-numbers'),
  ]);
  return { agents: agents.data, numbers: numbers.data };
}
