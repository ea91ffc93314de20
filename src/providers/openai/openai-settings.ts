import { ConfigError } from '../../errors/config-error.js';
import { silentLogger, type Logger } from '../../logging/logger.js';

/** Where OpenAI itself lives; any OpenAI-compatible server can replace it through `baseUrl`. */
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Settings every OpenAI-compatible model factory accepts. */
export interface OpenAiConnectionSettings {
  /** Bearer token. Falls back to `OPENAI_API_KEY`. Optional for self-hosted servers. */
  readonly apiKey?: string;
  /** Base URL including the version segment. Falls back to `OPENAI_BASE_URL`, then OpenAI. */
  readonly baseUrl?: string;
  /** Extra headers sent with every request (e.g. an organisation or a proxy token). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Replaces the global `fetch`, for tests and proxies. */
  readonly fetch?: typeof fetch;
  readonly logger?: Logger;
  /**
   * The name reported as `provider` and used in error messages, e.g. `groq` or `ollama` when the
   * same client talks to another compatible server. Defaults to `openai`.
   */
  readonly providerName?: string;
}

/** Settings after defaults and environment fallbacks were applied. */
export interface ResolvedOpenAiConnection {
  readonly apiKey: string | undefined;
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof fetch;
  readonly logger: Logger;
  readonly providerName: string;
}

/**
 * Applies defaults and environment fallbacks. Throws `ConfigError` when the base URL is not a URL
 * or when OpenAI itself is targeted without a key (self-hosted servers often need none).
 */
export function resolveOpenAiConnection(
  settings: OpenAiConnectionSettings,
): ResolvedOpenAiConnection {
  const apiKey = nonEmpty(settings.apiKey) ?? nonEmpty(process.env.OPENAI_API_KEY);
  const rawBaseUrl =
    nonEmpty(settings.baseUrl) ?? nonEmpty(process.env.OPENAI_BASE_URL) ?? OPENAI_DEFAULT_BASE_URL;
  let parsed: URL;
  try {
    parsed = new URL(rawBaseUrl);
  } catch {
    throw new ConfigError(
      'OPENAI_BASE_URL',
      `"${rawBaseUrl}" is not a URL; use e.g. ${OPENAI_DEFAULT_BASE_URL}`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError('OPENAI_BASE_URL', `"${rawBaseUrl}" must start with http:// or https://`);
  }
  const baseUrl = rawBaseUrl.replace(/\/+$/, '');
  if (apiKey === undefined && parsed.hostname === 'api.openai.com') {
    throw new ConfigError(
      'OPENAI_API_KEY',
      'no API key for api.openai.com; set OPENAI_API_KEY or pass apiKey (or point OPENAI_BASE_URL at a self-hosted server)',
    );
  }
  return {
    apiKey,
    baseUrl,
    headers: settings.headers ?? {},
    fetch: settings.fetch ?? globalThis.fetch,
    logger: settings.logger ?? silentLogger,
    providerName: nonEmpty(settings.providerName) ?? 'openai',
  };
}

/** Authorization plus the caller's extra headers; `extra` wins over both. */
export function buildOpenAiHeaders(
  connection: ResolvedOpenAiConnection,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (connection.apiKey !== undefined) headers.authorization = `Bearer ${connection.apiKey}`;
  return { ...headers, ...connection.headers, ...extra };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}
