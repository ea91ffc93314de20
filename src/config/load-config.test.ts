import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { ConfigValidationError } from './config-validation-error.js';
import { inspectConfig, loadConfig } from './load-config.js';

const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const SIGNALWIRE_PROJECT = '2b7a5c3e-1f0d-4c8e-9a6b-3d2e1f0a9b8c';

function problemsOf(env: Record<string, string>): Record<string, string> {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return Object.fromEntries(
        error.problems.map((problem) => [problem.setting, problem.message]),
      );
    }
    throw error;
  }
  return {};
}

describe('loadConfig', () => {
  it('applies every default to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      server: {
        port: 3000,
        host: '0.0.0.0',
        publicUrl: undefined,
        shutdownTimeoutMs: 30_000,
        maxConcurrentCalls: undefined,
      },
      platform: {
        dataDir: './data',
        databaseUrl: undefined,
        databaseSchema: 'public',
        secretKey: undefined,
        recordCalls: true,
        allowPrivateNetworks: false,
        apiRateLimitPerMinute: 600,
      },
      postCall: {
        smtpUrl: undefined,
        emailFrom: 'Switchboard <switchboard@localhost>',
        webhookTimeoutMs: 10_000,
        webhookMaxAttempts: 15,
        webhookRetryBaseMs: 5_000,
        webhookPauseAfterFailures: 20,
      },
      s3: undefined,
      logging: { level: 'info', redactPii: false },
      provisioningPath: undefined,
      twilio: undefined,
      signalwire: undefined,
      providers: {
        openai: { apiKey: undefined, baseUrl: undefined },
        deepgram: { apiKey: undefined, baseUrl: undefined },
        elevenlabs: { apiKey: undefined, baseUrl: undefined },
      },
    });
  });

  it('parses a full environment into a deeply frozen config', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      PUBLIC_URL: 'https://voice.example.com/',
      LOG_LEVEL: 'DEBUG',
      LOG_REDACT_PII: 'yes',
      SWITCHBOARD_CONFIG: 'config/example.yaml',
      SHUTDOWN_TIMEOUT_MS: '5000',
      MAX_CONCURRENT_CALLS: '20',
      TWILIO_ACCOUNT_SID: TWILIO_SID,
      TWILIO_AUTH_TOKEN: 'secret-token',
      TWILIO_API_BASE_URL: 'http://127.0.0.1:4010/',
      SIGNALWIRE_PROJECT_ID: SIGNALWIRE_PROJECT,
      SIGNALWIRE_API_TOKEN: 'PTabc',
      SIGNALWIRE_SIGNING_KEY: 'PSKabc',
      SIGNALWIRE_SPACE_URL: 'example.signalwire.com',
      OPENAI_API_KEY: ' sk-test \n',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1/',
      DEEPGRAM_BASE_URL: 'wss://api.deepgram.com',
    });
    expect(config.server).toEqual({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'https://voice.example.com',
      shutdownTimeoutMs: 5000,
      maxConcurrentCalls: 20,
    });
    expect(config.logging).toEqual({ level: 'debug', redactPii: true });
    expect(config.provisioningPath).toBe('config/example.yaml');
    expect(config.twilio).toEqual({
      accountSid: TWILIO_SID,
      authToken: 'secret-token',
      apiBaseUrl: 'http://127.0.0.1:4010',
    });
    expect(config.signalwire).toEqual({
      projectId: SIGNALWIRE_PROJECT,
      apiToken: 'PTabc',
      signingKey: 'PSKabc',
      spaceUrl: 'https://example.signalwire.com',
      apiBaseUrl: 'https://example.signalwire.com/api/laml',
    });
    expect(config.providers.openai).toEqual({
      apiKey: 'sk-test',
      baseUrl: 'http://127.0.0.1:11434/v1',
    });
    expect(config.providers.deepgram.baseUrl).toBe('wss://api.deepgram.com');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.server)).toBe(true);
    expect(Object.isFrozen(config.providers.openai)).toBe(true);
  });

  it('treats empty and blank strings as unset', () => {
    const config = loadConfig({
      PORT: '',
      PUBLIC_URL: '   ',
      OPENAI_API_KEY: '',
      TWILIO_ACCOUNT_SID: '',
    });
    expect(config.server.port).toBe(3000);
    expect(config.server.publicUrl).toBeUndefined();
    expect(config.providers.openai.apiKey).toBeUndefined();
    expect(config.twilio).toBeUndefined();
  });

  it.each([
    ['true', true],
    ['1', true],
    ['YES', true],
    ['false', false],
    ['0', false],
    ['No', false],
  ])('reads the boolean %s', (text, expected) => {
    expect(loadConfig({ LOG_REDACT_PII: text }).logging.redactPii).toBe(expected);
  });

  it('accepts a SignalWire space given as a full URL, also http for a local fake', () => {
    const base = {
      SIGNALWIRE_PROJECT_ID: SIGNALWIRE_PROJECT,
      SIGNALWIRE_API_TOKEN: 't',
      SIGNALWIRE_SIGNING_KEY: 'k',
    };
    expect(
      loadConfig({ ...base, SIGNALWIRE_SPACE_URL: 'https://example.signalwire.com/' }).signalwire
        ?.apiBaseUrl,
    ).toBe('https://example.signalwire.com/api/laml');
    expect(
      loadConfig({ ...base, SIGNALWIRE_SPACE_URL: 'http://127.0.0.1:4020' }).signalwire?.apiBaseUrl,
    ).toBe('http://127.0.0.1:4020/api/laml');
  });

  it('lists every problem at once, each naming the variable and a fix', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      PUBLIC_URL: 'http://localhost:3000',
      LOG_LEVEL: 'verbose',
      LOG_REDACT_PII: 'maybe',
      SHUTDOWN_TIMEOUT_MS: '-1',
      MAX_CONCURRENT_CALLS: '0',
      TWILIO_ACCOUNT_SID: 'SK123',
      TWILIO_AUTH_TOKEN: 'token',
      SIGNALWIRE_PROJECT_ID: 'not-a-uuid',
      SIGNALWIRE_API_TOKEN: 't',
      SIGNALWIRE_SIGNING_KEY: 'k',
      SIGNALWIRE_SPACE_URL: 'ftp://space',
      OPENAI_BASE_URL: 'api.openai.com',
      DEEPGRAM_BASE_URL: 'ftp://x',
      ELEVENLABS_BASE_URL: 'nope',
      TWILIO_API_BASE_URL: 'wss://api.twilio.com',
    });
    expect(problems.PUBLIC_URL).toBe(
      'must be an https:// URL Twilio can reach, e.g. https://voice.example.com (got http://localhost:3000)',
    );
    expect(problems.PORT).toBe('must be a whole number from 0 to 65535, e.g. 3000 (got "eighty")');
    expect(problems.LOG_LEVEL).toContain(
      'must be one of fatal, error, warn, info, debug, trace, silent',
    );
    expect(problems.LOG_REDACT_PII).toContain('must be true or false');
    expect(problems.SHUTDOWN_TIMEOUT_MS).toContain('whole number of at least 0');
    expect(problems.MAX_CONCURRENT_CALLS).toContain('of at least 1');
    expect(problems.TWILIO_ACCOUNT_SID).toContain('AC followed by 32 hex digits');
    expect(problems.SIGNALWIRE_PROJECT_ID).toContain('UUID');
    expect(problems.SIGNALWIRE_SPACE_URL).toContain('e.g. example.signalwire.com');
    expect(problems.OPENAI_BASE_URL).toContain('http:// or https:// URL');
    expect(problems.DEEPGRAM_BASE_URL).toContain('ws://');
    expect(problems.ELEVENLABS_BASE_URL).toContain('e.g. https://api.elevenlabs.io');
    expect(problems.TWILIO_API_BASE_URL).toContain('e.g. https://api.twilio.com');
    expect(Object.keys(problems)).toHaveLength(13);
  });

  it('names each missing member of a half-configured carrier', () => {
    const problems = problemsOf({
      SIGNALWIRE_PROJECT_ID: SIGNALWIRE_PROJECT,
      TWILIO_AUTH_TOKEN: 'token',
    });
    expect(Object.keys(problems).sort()).toEqual([
      'SIGNALWIRE_API_TOKEN',
      'SIGNALWIRE_SIGNING_KEY',
      'SIGNALWIRE_SPACE_URL',
      'TWILIO_ACCOUNT_SID',
    ]);
    expect(problems.TWILIO_ACCOUNT_SID).toContain('is required because TWILIO_AUTH_TOKEN is set');
  });

  it('never echoes a secret in a message', () => {
    const error = (() => {
      try {
        loadConfig({ TWILIO_AUTH_TOKEN: 'very-secret-token-value', PORT: 'x' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error).toBeInstanceOf(ConfigError);
    expect(SwitchboardError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain('very-secret-token-value');
    expect((error as ConfigError).setting).toBe('environment');
    expect((error as Error).message).toContain('PORT: must be a whole number');
  });
});

describe('inspectConfig', () => {
  it('returns a best-effort config and the problems without throwing', () => {
    const inspection = inspectConfig({ PORT: 'x', HOST: '127.0.0.1' });
    expect(inspection.problems.map((problem) => problem.setting)).toEqual(['PORT']);
    expect(inspection.config.server.port).toBe(3000);
    expect(inspection.config.server.host).toBe('127.0.0.1');
  });
});
