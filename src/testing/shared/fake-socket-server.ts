import { createServer, STATUS_CODES, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

/**
 * The plumbing the WebSocket provider fakes (Deepgram, ElevenLabs) share: a real HTTP server on
 * 127.0.0.1, port 0, that routes WebSocket upgrades, can refuse them with an HTTP status, injects
 * drops, and records every connection.
 */

/** What the fake saw on one connection. */
export interface FakeConnectionRecord {
  readonly index: number;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Text frames received, parsed as JSON when they are (otherwise the raw string). */
  readonly received: unknown[];
  audioBytes: number;
  closeCode: number | undefined;
}

export interface UpgradeRejection {
  readonly status: number;
  readonly body: string;
}

/** Failure injection every socket fake offers. */
export interface FakeSocketFailureOptions {
  /** Refuse the next N upgrades with `failStatus` (default 503). */
  readonly failConnections?: number;
  readonly failStatus?: number;
  /** Terminate each socket this long after it opened, like a provider dropping the line. */
  readonly dropAfterMs?: number;
}

export interface FakeSocketServerOptions extends FakeSocketFailureOptions {
  /** Returns a rejection to refuse the upgrade, or undefined to accept it. */
  readonly authorize: (url: URL, request: IncomingMessage) => UpgradeRejection | undefined;
  readonly onConnection: (socket: WebSocket, record: FakeConnectionRecord) => void;
}

/** A running socket fake: its address, what it recorded, and its failure controls. */
export interface FakeSocketServer {
  /** `ws://127.0.0.1:<port>`; pass it as a provider's baseUrl. */
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  readonly activeConnections: number;
  /** Every accepted connection with its path, query, headers, text frames and audio byte count. */
  readonly records: readonly FakeConnectionRecord[];
  /** Refuse the next `count` upgrades (adds to any still pending). */
  failNext(count: number): void;
  /** Terminate every open socket now. */
  dropAll(): void;
  /** Send a raw frame on connection `index` (e.g. a malformed one, for robustness tests). */
  sendRaw(index: number, data: string | Uint8Array): void;
  close(): Promise<void>;
}

/**
 * Starts the server; each accepted upgrade is recorded and handed to `onConnection`.
 *
 * @example
 * const server = await startFakeSocketServer({
 *   authorize: (url) => (url.pathname === '/v1/speak' ? undefined : { status: 404, body: '{}' }),
 *   onConnection: (socket, record) => new MySession(socket, record),
 * });
 */
export async function startFakeSocketServer(
  options: FakeSocketServerOptions,
): Promise<FakeSocketServer> {
  const server = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only');
  });
  const sockets = new Map<number, WebSocket>();
  const records: FakeConnectionRecord[] = [];
  const webSocketServer = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  let failuresLeft = options.failConnections ?? 0;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      rejectUpgrade(socket, {
        status: options.failStatus ?? 503,
        body: '{"message":"fake: injected failure"}',
      });
      return;
    }
    const rejection = options.authorize(url, request);
    if (rejection !== undefined) {
      rejectUpgrade(socket, rejection);
      return;
    }
    webSocketServer.handleUpgrade(request, socket, head, (client) => {
      const record: FakeConnectionRecord = {
        index: records.length,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: flattenHeaders(request),
        received: [],
        audioBytes: 0,
        closeCode: undefined,
      };
      records.push(record);
      sockets.set(record.index, client);
      client.on('error', () => client.terminate());
      client.once('close', (code: number) => {
        record.closeCode = code;
        sockets.delete(record.index);
        clearTimeout(dropTimer);
      });
      const dropTimer =
        options.dropAfterMs === undefined
          ? undefined
          : setTimeout(() => client.terminate(), options.dropAfterMs);
      options.onConnection(client, record);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `ws://127.0.0.1:${port}`,
    get connections() {
      return records.length;
    },
    get activeConnections() {
      return sockets.size;
    },
    records,
    failNext(count: number) {
      failuresLeft += count;
    },
    dropAll() {
      for (const socket of sockets.values()) socket.terminate();
    },
    sendRaw(index, data) {
      sockets.get(index)?.send(data);
    },
    close() {
      for (const socket of sockets.values()) socket.terminate();
      webSocketServer.close();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function rejectUpgrade(socket: Duplex, rejection: UpgradeRejection): void {
  const reason = STATUS_CODES[rejection.status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${rejection.status} ${reason}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(rejection.body)}\r\n` +
      'Connection: close\r\n\r\n' +
      rejection.body,
  );
}

function flattenHeaders(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** The bytes of a frame without copying in the usual (Buffer) case. */
export function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? Buffer.from(data) : data;
}

/** Parses a text frame for recording: the JSON value, or the raw text when it is not JSON. */
export function parseRecordedText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
