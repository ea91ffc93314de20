import { ConfigError } from '../../errors/config-error.js';
import { toWebSocketBaseUrl } from './provider-socket.js';

export const deepgramDefaultBaseUrl = 'wss://api.deepgram.com';

/** The API key from the setting or `DEEPGRAM_API_KEY`; throws a ConfigError naming both. */
export function resolveDeepgramApiKey(apiKey: string | undefined): string {
  const key = apiKey ?? process.env['DEEPGRAM_API_KEY'];
  if (key === undefined || key.trim() === '') {
    throw new ConfigError(
      'DEEPGRAM_API_KEY',
      'no Deepgram API key: set the apiKey setting or the DEEPGRAM_API_KEY environment variable',
    );
  }
  return key.trim();
}

/** The WebSocket origin from the setting, `DEEPGRAM_BASE_URL` or the public endpoint. */
export function resolveDeepgramBaseUrl(baseUrl: string | undefined): string {
  const fromEnv = process.env['DEEPGRAM_BASE_URL'];
  const value = baseUrl ?? (fromEnv === '' ? undefined : fromEnv) ?? deepgramDefaultBaseUrl;
  return toWebSocketBaseUrl(
    value,
    baseUrl === undefined && fromEnv ? 'DEEPGRAM_BASE_URL' : 'baseUrl',
  );
}

/** The Authorization header Deepgram expects. */
export function deepgramHeaders(apiKey: string): Record<string, string> {
  return { Authorization: `Token ${apiKey}` };
}
