import type { IncomingMessage } from 'node:http';
import { WebSocket, type RawData } from 'ws';
import { ConfigError } from '../../errors/config-error.js';
import { ProviderError } from '../../errors/provider-error.js';

/**
 * WebSocket helpers shared by the WebSocket providers (Deepgram, ElevenLabs): opening a socket with
 * errors that name the provider, holding early frames until a session attaches, and frame decoding.
 */

/** The `ws` client class or a subclass of it (tests inject one to observe traffic). */
export type WebSocketConstructor = typeof WebSocket;

export interface OpenProviderSocketOptions {
  /** Provider id for `ProviderError.provider`, e.g. `deepgram`. */
  readonly provider: string;
  /** Name used in messages, e.g. `Deepgram`. */
  readonly displayName: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly WebSocket: WebSocketConstructor;
  readonly connectTimeoutMs?: number;
  readonly abortSignal?: AbortSignal;
}

const maxErrorBodyBytes = 1024;

/**
 * Opens a client socket and resolves once it is open. Rejects with a `ProviderError` naming the
 * provider and, when the server refused the upgrade, the HTTP status and its error text.
 */
export function openProviderSocket(options: OpenProviderSocketOptions): Promise<OpenSocket> {
  const { provider, displayName } = options;
  return new Promise((resolve, reject) => {
    if (options.abortSignal?.aborted) {
      reject(abortedError(provider, displayName));
      return;
    }
    // Compression only costs CPU on audio and small JSON frames.
    const socket = new options.WebSocket(options.url, {
      headers: { ...options.headers },
      perMessageDeflate: false,
    });
    let settled = false;
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    const timer = setTimeout(() => {
      fail(
        new ProviderError(`${displayName} did not accept the connection within ${timeoutMs} ms`, {
          provider,
          code: 'connect_timeout',
          retryable: true,
        }),
      );
    }, timeoutMs);
    const onAbort = (): void => fail(abortedError(provider, displayName));
    options.abortSignal?.addEventListener('abort', onAbort, { once: true });

    function fail(error: ProviderError): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.abortSignal?.removeEventListener('abort', onAbort);
      socket.terminate();
      reject(error);
    }

    socket.on('unexpected-response', (_request, response: IncomingMessage) => {
      readErrorBody(response, (body) => fail(rejectedError(provider, displayName, response, body)));
    });
    socket.once('open', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.abortSignal?.removeEventListener('abort', onAbort);
      // Wrapped inside the open event so no frame can arrive before someone listens.
      resolve(new OpenSocket(socket));
    });
    // Stays attached for the socket's life so a late error event never goes unhandled.
    socket.on('error', (error: Error) => {
      const status = /Unexpected server response: (\d{3})/.exec(error.message)?.[1];
      fail(
        new ProviderError(`${displayName} connection failed: ${error.message}`, {
          provider,
          code: 'connect_failed',
          status: status === undefined ? undefined : Number(status),
          cause: error,
        }),
      );
    });
    socket.once('close', (code: number) => {
      fail(
        new ProviderError(`${displayName} closed the connection while opening (code ${code})`, {
          provider,
          code: 'connect_failed',
          retryable: true,
        }),
      );
    });
  });
}

/** What a stream session handles on an open socket. */
export interface OpenSocketHandlers {
  message(data: RawData, isBinary: boolean): void;
  close(code: number, reason: string): void;
}

type EarlyEvent =
  | { readonly kind: 'message'; readonly data: RawData; readonly isBinary: boolean }
  | { readonly kind: 'close'; readonly code: number; readonly reason: string };

/**
 * An open socket whose frames and close are held until a session attaches, so nothing the server
 * sends right after the upgrade (an error, a close) is lost while the caller is still awaiting.
 */
export class OpenSocket {
  readonly socket: WebSocket;
  #early: EarlyEvent[] = [];
  #handlers: OpenSocketHandlers | undefined;

  constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (this.#handlers === undefined) this.#early.push({ kind: 'message', data, isBinary });
      else this.#handlers.message(data, isBinary);
    });
    socket.once('close', (code: number, reason: Buffer) => {
      const text = reason.toString('utf8');
      if (this.#handlers === undefined) this.#early.push({ kind: 'close', code, reason: text });
      else this.#handlers.close(code, text);
    });
  }

  /** The server sent or closed something nobody has handled yet (a spare that went stale). */
  get hasEarlyEvents(): boolean {
    return this.#early.length > 0;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Starts delivering events, first replaying those that arrived before. */
  attach(handlers: OpenSocketHandlers): void {
    this.#handlers = handlers;
    const early = this.#early;
    this.#early = [];
    for (const event of early) {
      if (event.kind === 'message') handlers.message(event.data, event.isBinary);
      else handlers.close(event.code, event.reason);
    }
  }
}

function abortedError(provider: string, displayName: string): ProviderError {
  return new ProviderError(`${displayName} connection aborted by the caller`, {
    provider,
    code: 'aborted',
    retryable: false,
  });
}

function readErrorBody(response: IncomingMessage, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let length = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    done(Buffer.concat(chunks).toString('utf8'));
  };
  response.on('data', (chunk: Buffer) => {
    if (length >= maxErrorBodyBytes) return;
    chunks.push(chunk.subarray(0, maxErrorBodyBytes - length));
    length += chunk.length;
  });
  response.once('end', finish);
  response.once('close', finish);
  response.once('error', finish);
}

function rejectedError(
  provider: string,
  displayName: string,
  response: IncomingMessage,
  body: string,
): ProviderError {
  const status = response.statusCode ?? 0;
  const detail = describeErrorBody(body) ?? response.statusMessage ?? '';
  const suffix = detail === '' ? '' : `: ${detail}`;
  const hint = status === 401 || status === 403 ? ' (check the API key)' : '';
  return new ProviderError(
    `${displayName} rejected the connection with HTTP ${status}${suffix}${hint}`,
    { provider, code: 'connect_failed', status },
  );
}

/** Pulls a human-readable message out of a JSON or text error body. */
function describeErrorBody(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      for (const key of ['err_msg', 'message', 'detail', 'error']) {
        const value = record[key];
        if (typeof value === 'string' && value !== '') return value.slice(0, 200);
      }
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return trimmed.slice(0, 200);
}

/** Turns a configured base URL into a WebSocket origin: http→ws, https→wss, no trailing slash. */
export function toWebSocketBaseUrl(value: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      setting,
      `"${value}" is not a URL; expected e.g. wss://host or http://127.0.0.1:port`,
    );
  }
  const protocols: Record<string, string> = {
    'http:': 'ws:',
    'https:': 'wss:',
    'ws:': 'ws:',
    'wss:': 'wss:',
  };
  const protocol = protocols[url.protocol];
  if (protocol === undefined) {
    throw new ConfigError(
      setting,
      `unsupported protocol ${url.protocol}; use ws(s):// or http(s)://`,
    );
  }
  url.protocol = protocol;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/** The bytes of a binary frame as one Uint8Array. */
export function rawDataToBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/** The text of a text frame. */
export function rawDataToText(data: RawData): string {
  return Buffer.from(rawDataToBytes(data)).toString('utf8');
}

/** Parses a text frame as a JSON object; undefined when it is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Sends when the socket is open; reports whether it did. */
export function sendIfOpen(socket: WebSocket | undefined, data: string | Uint8Array): boolean {
  if (socket === undefined || socket.readyState !== WebSocket.OPEN) return false;
  socket.send(data);
  return true;
}
