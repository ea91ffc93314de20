import { WebSocket } from 'ws';
import { ConfigError } from '../../errors/config-error.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import { isLocalOrPrivateHost } from '../../net/is-local-or-private-host.js';
import {
  openProviderSocket,
  toWebSocketBaseUrl,
  type OpenSocket,
  type WebSocketConstructor,
} from './provider-socket.js';
import { createStreamLogger, type ProviderLogBindings } from './stream-logger.js';

/** The connection settings every WebSocket provider factory accepts. */
export interface SocketProviderSettings {
  /** Optional when the base URL's host is on this machine or a private network. */
  readonly apiKey?: string;
  readonly baseUrl?: string;
  readonly connectTimeoutMs?: number;
  readonly WebSocket?: WebSocketConstructor;
  readonly logger?: Logger;
}

/** What tells one WebSocket vendor from another when connecting. */
export interface SocketProviderIdentity {
  /** Provider id for errors and logs, e.g. `deepgram`. */
  readonly provider: string;
  /** Vendor name in configuration errors, e.g. `Deepgram`. */
  readonly vendorName: string;
  /** Environment variable the API key falls back to, e.g. `DEEPGRAM_API_KEY`. */
  readonly apiKeyVariable: string;
  /** Environment variable the base URL falls back to, e.g. `DEEPGRAM_BASE_URL`. */
  readonly baseUrlVariable: string;
  /** The public endpoint, used when neither the setting nor the variable is set. */
  readonly defaultBaseUrl: string;
  /** The authentication headers for a key (none are sent when a local server goes without one). */
  readonly authHeaders: (apiKey: string) => Record<string, string>;
}

/** Settings after defaults and environment fallbacks, ready to open sockets. */
export interface SocketProviderConnection {
  readonly provider: string;
  /** Name used in connection errors, e.g. `Deepgram TTS`. */
  readonly displayName: string;
  /** WebSocket origin without a trailing slash. */
  readonly baseUrl: string;
  /** The auth headers; empty when no key is set for a local or private host. */
  readonly headers: Readonly<Record<string, string>>;
  readonly WebSocket: WebSocketConstructor;
  readonly connectTimeoutMs: number | undefined;
  /** The model's logger, tagged with `logBindings`; for lines that are not about one stream. */
  readonly logger: Logger;
  readonly logBindings: ProviderLogBindings;
}

/**
 * Applies the API key and base URL fallbacks (setting, then environment variable, then the public
 * endpoint). The key may be missing only when the base URL's host is on this machine or a private
 * network (a fake, a self-hosted server), the rule `switchboard doctor` applies; then no auth header
 * is sent. Throws a ConfigError naming the setting or variable that is missing or malformed.
 */
export function resolveSocketProviderConnection(
  settings: SocketProviderSettings,
  identity: SocketProviderIdentity,
  use: { readonly component: 'stt' | 'tts'; readonly displayName: string },
): SocketProviderConnection {
  // An empty variable counts as unset, so a blank line in an env file does not break the default.
  const fromEnv = process.env[identity.baseUrlVariable] || undefined;
  const baseUrl = toWebSocketBaseUrl(
    settings.baseUrl ?? fromEnv ?? identity.defaultBaseUrl,
    settings.baseUrl === undefined && fromEnv !== undefined ? identity.baseUrlVariable : 'baseUrl',
  );
  const apiKey = (settings.apiKey ?? process.env[identity.apiKeyVariable])?.trim() || undefined;
  const host = new URL(baseUrl).hostname;
  if (apiKey === undefined && !isLocalOrPrivateHost(host)) {
    throw new ConfigError(
      identity.apiKeyVariable,
      `no ${identity.vendorName} API key for ${host}: set the apiKey setting or the ${identity.apiKeyVariable} environment variable (a server on this machine or a private network needs none)`,
    );
  }
  const logBindings: ProviderLogBindings = {
    provider: identity.provider,
    component: use.component,
  };
  return {
    provider: identity.provider,
    displayName: use.displayName,
    baseUrl,
    headers: apiKey === undefined ? {} : identity.authHeaders(apiKey),
    WebSocket: settings.WebSocket ?? WebSocket,
    connectTimeoutMs: settings.connectTimeoutMs,
    logger: (settings.logger ?? silentLogger).child(logBindings),
    logBindings,
  };
}

/**
 * The logger for one stream of this connection: the call's logger (`options.logger` of the
 * stream) tagged like the model's, or the model's own when the caller passed none.
 */
export function socketStreamLogger(
  connection: SocketProviderConnection,
  callLogger: Logger | undefined,
): Logger {
  return createStreamLogger(callLogger, connection.logger, connection.logBindings);
}

/** Opens a socket to `url` with the connection's headers and timeout (see `openProviderSocket`). */
export function openConnectionSocket(
  connection: SocketProviderConnection,
  url: string,
  abortSignal: AbortSignal | undefined,
): Promise<OpenSocket> {
  return openProviderSocket({
    provider: connection.provider,
    displayName: connection.displayName,
    url,
    headers: connection.headers,
    WebSocket: connection.WebSocket,
    connectTimeoutMs: connection.connectTimeoutMs,
    abortSignal,
  });
}
