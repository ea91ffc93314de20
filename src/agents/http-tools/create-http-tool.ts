import { performance } from 'node:perf_hooks';
import type { ToolV1 } from '../../engine/tool.js';
import { ConfigError } from '../../errors/config-error.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import { buildHttpToolRequest } from './build-http-tool-request.js';
import { decodeHttpToolResponse, type HttpToolResult } from './decode-http-tool-response.js';
import { isSafeHeaderValue } from './fill-http-tool-template.js';
import { describeHttpToolFailure } from './describe-http-tool-failure.js';
import { parseHttpToolDefinition, type HttpToolDefinitionInput } from './http-tool-definition.js';
import {
  resolveAllowedAddresses,
  systemHostLookup,
  type HostLookup,
} from './resolve-allowed-addresses.js';
import { sendPinnedRequest } from './send-pinned-request.js';

/** Who the tool calls for and how it reaches the network. */
export interface HttpToolOptions {
  /** Sent as `X-Switchboard-Organization`. */
  readonly organizationId: string;
  /** The organisation's secret for `X-Switchboard-Signature`; never logged or reported. */
  readonly signingSecret: string;
  /** Lets the tool reach loopback and private networks (self-hosted setups, tests). */
  readonly allowPrivateNetworks: boolean;
  /** DNS resolution; `dns.promises.lookup` with `all: true` by default. */
  readonly lookup?: HostLookup;
  /** Milliseconds since the epoch, for the signature timestamp; `Date.now` by default. */
  readonly now?: () => number;
  readonly logger?: Logger;
}

// The engine races its own timer against the tool; ours fires first, so the model is told
// plainly that the API was too slow rather than that the tool timed out.
const ENGINE_TIMEOUT_MARGIN_MS = 1_000;

function checkOptions(options: HttpToolOptions): void {
  if (options.signingSecret.length === 0) {
    throw new ConfigError(
      'signingSecret',
      'HTTP tools need the organisation signing secret; set one for the organisation',
    );
  }
  if (options.organizationId.length === 0 || !isSafeHeaderValue(options.organizationId)) {
    throw new ConfigError('organizationId', 'must be a non-empty, printable ASCII organisation id');
  }
}

/**
 * Turns an organisation's HTTP tool definition into a tool the engine can run. Each call sends
 * one signed request (see `verifyHttpToolSignature`) to the organisation's API and gives the model
 * `{ status, body }`; non-2xx answers, redirects, timeouts and refused addresses reach the model
 * as tool errors. Unless `allowPrivateNetworks`, hosts that are or resolve to private or local
 * addresses are refused, and the connection is pinned to the address that was checked.
 *
 * @example
 * const tool = createHttpTool(
 *   { name: 'order_status', description: 'Look up an order', method: 'GET',
 *     url: 'https://api.example.com/orders/{{order_ref}}', parameters: { type: 'object', properties: {} } },
 *   { organizationId: org.id, signingSecret: org.signingSecret, allowPrivateNetworks: false, logger },
 * );
 */
export function createHttpTool(input: HttpToolDefinitionInput, options: HttpToolOptions): ToolV1 {
  const definition = parseHttpToolDefinition(input);
  checkOptions(options);
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const lookup = options.lookup ?? systemHostLookup;
  const tool = definition.name;
  return {
    name: definition.name,
    description: definition.description,
    parameters: definition.parameters,
    kind: 'normal',
    timeoutMs: definition.timeoutMs + ENGINE_TIMEOUT_MARGIN_MS,
    async execute(args, context): Promise<HttpToolResult> {
      const started = performance.now();
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), definition.timeoutMs);
      const signal = AbortSignal.any([context.abortSignal, timeout.signal]);
      logger.info({ tool, method: definition.method, pii: { args } }, 'http tool request');
      try {
        const request = buildHttpToolRequest(definition, {
          args,
          variables: context.variables,
          organizationId: options.organizationId,
          callId: context.callId,
          signingSecret: options.signingSecret,
          timestamp: Math.floor(now() / 1000),
        });
        const addresses = await resolveAllowedAddresses(request.url.hostname, {
          allowPrivateNetworks: options.allowPrivateNetworks,
          lookup,
          signal,
        });
        const response = await sendPinnedRequest({
          ...request,
          addresses,
          signal,
          maxResponseBytes: definition.maxResponseBytes,
        });
        const durationMs = Math.round(performance.now() - started);
        logger.info(
          { tool, status: response.status, durationMs, truncated: response.truncated },
          'http tool response',
        );
        return decodeHttpToolResponse(response);
      } catch (error) {
        const failure = describeHttpToolFailure(
          error,
          timeout.signal,
          context.abortSignal,
          definition.timeoutMs,
        );
        const durationMs = Math.round(performance.now() - started);
        logger.warn({ tool, code: failure.code, durationMs }, 'http tool failed');
        throw failure;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
