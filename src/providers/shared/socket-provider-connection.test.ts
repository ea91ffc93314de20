import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/config-error.js';
import { createLogger, type Logger } from '../../logging/logger.js';
import {
  resolveSocketProviderConnection,
  socketStreamLogger,
  type SocketProviderSettings,
} from './socket-provider-connection.js';

const identity = {
  provider: 'acme',
  vendorName: 'Acme',
  apiKeyVariable: 'ACME_TEST_API_KEY',
  baseUrlVariable: 'ACME_TEST_BASE_URL',
  defaultBaseUrl: 'wss://api.acme.example',
  authHeaders: (apiKey: string) => ({ Authorization: `Token ${apiKey}` }),
};

function resolve(settings: SocketProviderSettings) {
  return resolveSocketProviderConnection(settings, identity, {
    component: 'stt',
    displayName: 'Acme',
  });
}

/** A debug-level logger whose lines are kept, parsed, and also kept raw. */
function captureLogs(): { logger: Logger; lines: Record<string, unknown>[]; raw: string[] } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = {
    write(line: string): void {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
  return { logger: createLogger({ level: 'debug', destination }), lines, raw };
}

beforeEach(() => {
  delete process.env[identity.apiKeyVariable];
  delete process.env[identity.baseUrlVariable];
});
afterEach(() => {
  delete process.env[identity.apiKeyVariable];
  delete process.env[identity.baseUrlVariable];
});

describe('resolveSocketProviderConnection API key rule', () => {
  it('sends the key from the setting, then from the environment', () => {
    expect(resolve({ apiKey: ' k1 ' }).headers).toEqual({ Authorization: 'Token k1' });
    process.env[identity.apiKeyVariable] = 'k2';
    expect(resolve({}).headers).toEqual({ Authorization: 'Token k2' });
  });

  it('throws a ConfigError naming the variable when the vendor itself has no key', () => {
    expect(() => resolve({})).toThrow(ConfigError);
    expect(() => resolve({})).toThrow(/^ACME_TEST_API_KEY: no Acme API key for api\.acme\.example/);
    expect(() => resolve({ apiKey: '  ' })).toThrow(/ACME_TEST_API_KEY/);
  });

  it('throws for another public host too', () => {
    expect(() => resolve({ baseUrl: 'https://speech.example.com' })).toThrow(
      /no Acme API key for speech\.example\.com/,
    );
    expect(() => resolve({ baseUrl: 'ws://8.8.8.8:8080' })).toThrow(ConfigError);
  });

  it.each([
    'ws://127.0.0.1:9000',
    'http://localhost:9000',
    'ws://[::1]:9000',
    'http://192.168.1.20',
    'http://10.0.0.5:8080',
    'ws://fake-deepgram:8080',
    'http://speech.local',
    'https://tts.corp.internal',
  ])('allows no key for the local or private host of %s and sends no auth header', (baseUrl) => {
    const connection = resolve({ baseUrl });
    expect(connection.headers).toEqual({});
  });

  it('applies the rule to a base URL from the environment', () => {
    process.env[identity.baseUrlVariable] = 'http://127.0.0.1:4000';
    expect(resolve({}).baseUrl).toBe('ws://127.0.0.1:4000');
    process.env[identity.baseUrlVariable] = 'https://proxy.example.com';
    expect(() => resolve({})).toThrow(/ACME_TEST_API_KEY/);
  });

  it('reports a malformed base URL before the key', () => {
    expect(() => resolve({ baseUrl: 'not a url' })).toThrow(/^baseUrl: /);
  });
});

describe('socketStreamLogger', () => {
  it("tags the call's logger like the model's, bindings and all", () => {
    const model = captureLogs();
    const call = captureLogs();
    const connection = resolve({ apiKey: 'k', logger: model.logger });
    const callLogger = call.logger.child({ callId: 'call-7', callSid: 'CA7' });
    socketStreamLogger(connection, callLogger).info('stream line');
    expect(call.lines).toEqual([
      expect.objectContaining({
        msg: 'stream line',
        callId: 'call-7',
        callSid: 'CA7',
        provider: 'acme',
        component: 'stt',
      }),
    ]);
    expect(model.lines).toEqual([]);
  });

  it("falls back to the model's logger without repeating its tags", () => {
    const model = captureLogs();
    const connection = resolve({ apiKey: 'k', logger: model.logger });
    socketStreamLogger(connection, undefined).info('stream line');
    expect(model.lines).toEqual([
      expect.objectContaining({ msg: 'stream line', provider: 'acme', component: 'stt' }),
    ]);
    expect(model.raw[0]?.match(/"provider"/g)).toHaveLength(1);
  });
});
