import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver accepted (answered 2xx). */
export interface ReceivedWebhook {
  readonly eventId: string;
  readonly eventType: string;
  readonly deliveryId: string;
  readonly attempt: number;
  /** The `X-Switchboard-Timestamp` and `X-Switchboard-Signature` headers as received. */
  readonly timestamp: string;
  readonly signature: string;
  /** Whether the signature checked out with the documented recipe. */
  readonly signatureValid: boolean;
  readonly body: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  readonly rawBody: string;
  /** `Date.now()` when the request arrived. */
  readonly receivedAt: number;
}

export interface WebhookReceiverOptions {
  /** The endpoint secret, to verify signatures (may be set later with `setSecret`). */
  readonly secret?: string;
  /** Fraction of requests answered 500 at random (default 0). */
  readonly failureRate?: number;
  /** Decides the status of each request; overrides `failureRate`. */
  readonly respond?: (request: { eventType: string; attempt: number }) => number;
  /** Delay before answering, in ms (default 0). */
  readonly delayMs?: number;
  readonly random?: () => number;
}

export interface WebhookReceiver {
  readonly url: string;
  /** Requests answered 2xx, in arrival order. */
  readonly received: ReceivedWebhook[];
  /** Every request, failed ones included. */
  readonly requests: number;
  setSecret(secret: string): void;
  setFailureRate(rate: number): void;
  /** Resolves when `predicate` holds for the accepted requests, or rejects after `timeoutMs`. */
  waitFor(
    predicate: (received: readonly ReceivedWebhook[]) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
  close(): Promise<void>;
}

/**
 * The documented verification recipe, written with nothing but node:crypto exactly as the README
 * shows it, so the tests prove the recipe itself works.
 */
export function verifyWithDocumentedRecipe(
  secret: string,
  headers: IncomingMessage['headers'],
  rawBody: string,
): boolean {
  const timestamp = String(headers['x-switchboard-timestamp'] ?? '');
  const signature = String(headers['x-switchboard-signature'] ?? '');
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return signature
    .split(',')
    .map((part) => part.trim())
    .some(
      (part) =>
        part.startsWith('v1=') &&
        part.length === expected.length + 3 &&
        timingSafeEqual(Buffer.from(part.slice(3)), Buffer.from(expected)),
    );
}

/**
 * A customer's webhook endpoint on 127.0.0.1, port 0: verifies signatures, records what it
 * accepts, and can fail a share of requests or be slow, for tests, the chaos run, the benchmark
 * and the demo.
 */
export async function startWebhookReceiver(
  options: WebhookReceiverOptions = {},
): Promise<WebhookReceiver> {
  let secret = options.secret ?? '';
  let failureRate = options.failureRate ?? 0;
  const random = options.random ?? Math.random;
  const received: ReceivedWebhook[] = [];
  let requests = 0;
  const waiters = new Set<() => void>();
  const handle = (request: IncomingMessage, response: ServerResponse, rawBody: string): void => {
    requests += 1;
    const eventType = String(request.headers['x-switchboard-event-type'] ?? '');
    const attempt = Number(request.headers['x-switchboard-attempt'] ?? 0);
    const status =
      options.respond?.({ eventType, attempt }) ?? (random() < failureRate ? 500 : 200);
    const answer = (): void => {
      if (status >= 200 && status < 300) {
        let body: ReceivedWebhook['body'];
        try {
          body = JSON.parse(rawBody) as ReceivedWebhook['body'];
        } catch (_error) {
          response.writeHead(400).end('bad json');
          return;
        }
        received.push({
          eventId: String(request.headers['x-switchboard-event-id'] ?? ''),
          eventType,
          deliveryId: String(request.headers['x-switchboard-delivery-id'] ?? ''),
          attempt,
          timestamp: String(request.headers['x-switchboard-timestamp'] ?? ''),
          signature: String(request.headers['x-switchboard-signature'] ?? ''),
          signatureValid: verifyWithDocumentedRecipe(secret, request.headers, rawBody),
          body,
          rawBody,
          receivedAt: Date.now(),
        });
        for (const wake of waiters) wake();
      }
      response
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status < 300 ? 'ok' : 'nope');
    };
    if ((options.delayMs ?? 0) > 0) setTimeout(answer, options.delayMs);
    else answer();
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    get requests() {
      return requests;
    },
    setSecret: (value) => {
      secret = value;
    },
    setFailureRate: (rate) => {
      failureRate = rate;
    },
    waitFor: (predicate, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        if (predicate(received)) {
          resolve();
          return;
        }
        const check = (): void => {
          if (!predicate(received)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `webhook receiver: condition not met within ${timeoutMs} ms (${received.length} accepted)`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
