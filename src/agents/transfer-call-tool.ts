import type { ToolV1 } from '../engine/tool.js';
import { ConfigError } from '../errors/config-error.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { TransferDestination } from './agent-definition.js';
import type { BuiltInToolOptions } from './end-call-tool.js';

/** What `transfer_call` returns; the engine reads `destination` and transfers to it. */
export interface TransferCallResult {
  /** E.164 number or SIP URI to transfer to. */
  readonly destination: string;
  /** The destination's configured name. */
  readonly name: string;
}

function describeDestinations(destinations: readonly TransferDestination[]): string {
  return destinations
    .map((destination) =>
      destination.description === undefined
        ? `- ${destination.name}`
        : `- ${destination.name}: ${destination.description}`,
    )
    .join('\n');
}

/**
 * `transfer_call`: hands the caller to one of the configured destinations. The model picks a
 * destination by name (never a raw number, so it cannot dial anywhere else). Kind `transfer`: the
 * engine transfers to `result.destination` after the agent's words that carried the call have
 * played. An unknown name throws, which the model sees as a tool error and can correct.
 */
export function createTransferCallTool(
  destinations: readonly TransferDestination[],
  options: BuiltInToolOptions = {},
): ToolV1 {
  if (destinations.length === 0) {
    throw new ConfigError(
      'transferDestinations',
      'transfer_call needs at least one destination; add one to the agent or remove transfer_call from its tools',
    );
  }
  const byName = new Map(destinations.map((destination) => [destination.name, destination]));
  const names = [...byName.keys()];
  return {
    name: 'transfer_call',
    description: `Transfer the caller to a person or department. First tell the caller you are transferring them, in the same reply. Destinations:\n${describeDestinations(destinations)}`,
    parameters: {
      type: 'object',
      properties: {
        destination: {
          type: 'string',
          enum: names,
          description: 'Name of the destination to transfer to.',
        },
      },
      required: ['destination'],
      additionalProperties: false,
    },
    kind: 'transfer',
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    execute(args): Promise<TransferCallResult> {
      const requested = args.destination;
      const destination = typeof requested === 'string' ? byName.get(requested) : undefined;
      if (destination === undefined) {
        return Promise.reject(
          new SwitchboardError(
            `Unknown transfer destination ${JSON.stringify(requested ?? null)}. Use one of: ${names.join(', ')}.`,
            { code: 'unknown_transfer_destination' },
          ),
        );
      }
      return Promise.resolve({ destination: destination.destination, name: destination.name });
    },
  };
}
