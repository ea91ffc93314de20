import { DEFAULT_ENDPOINTING, DEFAULT_SILENCE } from './provisioning-defaults.js';
import { VARIABLE_NAME_PATTERN } from './provisioning-patterns.js';

/*
 * Checks that relate several fields: unique names and numbers, numbers that route to an existing
 * agent, transfer_call with destinations, delays in the right order. They read the raw parsed
 * document defensively (any shape may arrive) instead of being zod refinements, because zod skips
 * an object's refinements once any of its fields failed, and we want every problem in one report.
 */

/** A problem at a path inside the file, e.g. `['agents', 1, 'tools']`. */
export interface PathProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

function field(item: unknown, key: string): unknown {
  return typeof item === 'object' && item !== null && !Array.isArray(item)
    ? Reflect.get(item, key)
    : undefined;
}

function listField(item: unknown, key: string): readonly unknown[] {
  const value = field(item, key);
  return Array.isArray(value) ? value : [];
}

function textField(item: unknown, key: string): string | undefined {
  const value = field(item, key);
  return typeof value === 'string' ? value : undefined;
}

function numberField(item: unknown, key: string, fallback: number): number | undefined {
  const value = field(item, key);
  if (value === undefined) return fallback;
  return typeof value === 'number' ? value : undefined;
}

function findDuplicates(
  list: readonly unknown[],
  read: (item: unknown) => string | undefined,
  report: (value: string, index: number, firstIndex: number) => PathProblem,
): PathProblem[] {
  const problems: PathProblem[] = [];
  const firstIndexByValue = new Map<string, number>();
  list.forEach((item, index) => {
    const value = read(item);
    if (value === undefined) return;
    const firstIndex = firstIndexByValue.get(value);
    if (firstIndex === undefined) firstIndexByValue.set(value, index);
    else problems.push(report(value, index, firstIndex));
  });
  return problems;
}

function checkAgent(agent: unknown, agentIndex: number): PathProblem[] {
  const at = (...rest: (string | number)[]): (string | number)[] => ['agents', agentIndex, ...rest];
  const tools = listField(agent, 'tools');
  const destinations = listField(agent, 'transferDestinations');
  const problems = [
    ...findDuplicates(
      tools,
      (tool) => (typeof tool === 'string' ? tool : undefined),
      (tool, index) => ({
        path: at('tools', index),
        message: `lists ${tool} twice; remove the repeat`,
      }),
    ),
    ...findDuplicates(
      destinations,
      (destination) => textField(destination, 'name'),
      (name, index, first) => ({
        path: at('transferDestinations', index, 'name'),
        message: `"${name}" is already used by transferDestinations[${first}]; give each destination its own name`,
      }),
    ),
  ];
  if (tools.includes('transfer_call') && destinations.length === 0) {
    problems.push({
      path: at('tools'),
      message:
        'lists transfer_call but transferDestinations is empty; add at least one destination (name, destination) or remove transfer_call',
    });
  }
  const endpointing = field(field(agent, 'turnTaking'), 'endpointing');
  const minDelayMs = numberField(endpointing, 'minDelayMs', DEFAULT_ENDPOINTING.minDelayMs);
  const maxDelayMs = numberField(endpointing, 'maxDelayMs', DEFAULT_ENDPOINTING.maxDelayMs);
  if (minDelayMs !== undefined && maxDelayMs !== undefined && minDelayMs > maxDelayMs) {
    problems.push({
      path: at('turnTaking', 'endpointing', 'minDelayMs'),
      message: `must not exceed maxDelayMs (${maxDelayMs}); lower it or raise maxDelayMs`,
    });
  }
  const silence = field(agent, 'silence');
  const reminderAfterMs = numberField(silence, 'reminderAfterMs', DEFAULT_SILENCE.reminderAfterMs);
  const hangupAfterMs = numberField(silence, 'hangupAfterMs', DEFAULT_SILENCE.hangupAfterMs);
  if (
    reminderAfterMs !== undefined &&
    hangupAfterMs !== undefined &&
    reminderAfterMs > 0 &&
    hangupAfterMs > 0 &&
    reminderAfterMs >= hangupAfterMs
  ) {
    problems.push({
      path: at('silence', 'reminderAfterMs'),
      message: `must be shorter than hangupAfterMs (${hangupAfterMs}) or the reminder never plays; lower it, or set 0 to disable the reminder`,
    });
  }
  const variables = field(agent, 'variables');
  if (typeof variables === 'object' && variables !== null && !Array.isArray(variables)) {
    for (const name of Object.keys(variables)) {
      if (VARIABLE_NAME_PATTERN.test(name)) continue;
      problems.push({
        path: at('variables', name),
        message:
          'variable names must be letters, digits and underscores, not starting with a digit, e.g. business_name',
      });
    }
  }
  return problems;
}

/** Every cross-field problem in `document` (the parsed, not yet validated file). */
export function findConsistencyProblems(document: unknown): PathProblem[] {
  const agents = listField(document, 'agents');
  const numbers = listField(document, 'numbers');
  const agentNames = [
    ...new Set(
      agents.map((agent) => textField(agent, 'name')).filter((name) => name !== undefined),
    ),
  ];
  const problems = [
    ...findDuplicates(
      agents,
      (agent) => textField(agent, 'name'),
      (name, index, first) => ({
        path: ['agents', index, 'name'],
        message: `"${name}" is already the name of agents[${first}]; agent names must be unique`,
      }),
    ),
    ...agents.flatMap((agent, index) => checkAgent(agent, index)),
    ...findDuplicates(
      numbers,
      (entry) => textField(entry, 'number'),
      (number, index, first) => ({
        path: ['numbers', index, 'number'],
        message: `${number} is already listed at numbers[${first}]; each number routes to exactly one agent`,
      }),
    ),
  ];
  numbers.forEach((entry, index) => {
    const agentName = textField(entry, 'agent');
    if (agentName === undefined || agentNames.includes(agentName)) return;
    const known =
      agentNames.length > 0
        ? `use one of: ${agentNames.join(', ')}`
        : 'define the agent under agents:';
    problems.push({
      path: ['numbers', index, 'agent'],
      message: `no agent is named "${agentName}"; ${known}`,
    });
  });
  return problems;
}
