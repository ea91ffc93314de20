import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  signHttpToolRequest,
  systemHostLookup,
  type HostLookup,
} from '../../agents/http-tools/index.js';
import { resolveAllowedAddresses } from '../../agents/http-tools/resolve-allowed-addresses.js';
import { sendPinnedRequest } from '../../agents/http-tools/send-pinned-request.js';
import { WEBHOOK_HEADERS } from './webhook-headers.js';

/** One attempt at one delivery. */
export interface WebhookRequest {
  readonly url: string;
  readonly secret: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly deliveryId: string;
  readonly attempt: number;
  /** The JSON body, signed and sent byte for byte. */
  readonly body: string;
  readonly timeoutMs: number;
  readonly allowPrivateNetworks: boolean;
  readonly lookup?: HostLookup;
  readonly now?: () => number;
}

/** How an attempt went, as stored and listed through the API. */
export interface WebhookAttemptResult {
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly startedAt: Date;
  readonly latencyMs: number;
  /** The first kilobyte of the reply, for the delivery log. */
  readonly responseExcerpt: string | null;
  readonly error: string | null;
}

const EXCERPT_BYTES = 1024;
const MAX_AGENTS = 500;

// Keep-alive connections per endpoint origin: deliveries to one endpoint come in bursts, and a
// new TCP (and TLS) connection per delivery costs more than the request itself.
const agents = new Map<string, HttpAgent>();

function agentFor(url: URL): HttpAgent {
  const key = url.origin;
  const existing = agents.get(key);
  if (existing !== undefined) return existing;
  if (agents.size >= MAX_AGENTS) {
    const [oldestKey, oldest] = agents.entries().next().value as [string, HttpAgent];
    oldest.destroy();
    agents.delete(oldestKey);
  }
  const options = { keepAlive: true, maxSockets: 16, maxFreeSockets: 4, timeout: 30_000 };
  const agent = url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
  agents.set(key, agent);
  return agent;
}

function describeFailure(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no reply within ${timeoutMs} ms`;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'http_tool_refused')
      return 'refused: the URL points at a private or local network address (ALLOW_PRIVATE_NETWORKS is off)';
    if (code === 'http_tool_unresolved') return 'the host name did not resolve to any address';
    return code !== undefined && typeof code === 'string' && !code.startsWith('http_tool')
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/**
 * Sends one signed delivery. Never throws: network errors, timeouts, refused addresses and
 * non-2xx replies all come back as a failed result with the reason. Connects only to addresses
 * checked against private ranges (unless allowed) and never follows redirects.
 */
export async function sendWebhook(request: WebhookRequest): Promise<WebhookAttemptResult> {
  const now = request.now ?? Date.now;
  const startedAt = new Date(now());
  const began = performance.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, request.timeoutMs);
  try {
    const url = new URL(request.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error('the URL must start with http:// or https://');
    }
    const addresses = await resolveAllowedAddresses(url.hostname, {
      allowPrivateNetworks: request.allowPrivateNetworks,
      lookup: request.lookup ?? systemHostLookup,
      signal: controller.signal,
    });
    const timestamp = String(Math.floor(startedAt.getTime() / 1000));
    const response = await sendPinnedRequest({
      url,
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Switchboard-Webhooks/1',
        [WEBHOOK_HEADERS.eventId]: request.eventId,
        [WEBHOOK_HEADERS.eventType]: request.eventType,
        [WEBHOOK_HEADERS.deliveryId]: request.deliveryId,
        [WEBHOOK_HEADERS.attempt]: String(request.attempt),
        [WEBHOOK_HEADERS.timestamp]: timestamp,
        [WEBHOOK_HEADERS.signature]: signHttpToolRequest({
          secret: request.secret,
          timestamp,
          body: request.body,
        }),
      },
      body: request.body,
      addresses,
      signal: controller.signal,
      maxResponseBytes: EXCERPT_BYTES,
      agent: agentFor(url),
    });
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      startedAt,
      latencyMs: Math.round(performance.now() - began),
      responseExcerpt: response.body.length > 0 ? response.body.toString('utf8') : null,
      error: ok ? null : `the endpoint answered ${response.status}`,
    };
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      startedAt,
      latencyMs: Math.round(performance.now() - began),
      responseExcerpt: null,
      error: describeFailure(error, timedOut, request.timeoutMs),
    };
  } finally {
    clearTimeout(timer);
  }
}
