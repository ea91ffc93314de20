import type { z } from 'zod';
import {
  booleanValue,
  choiceValue,
  integerValue,
  patternValue,
  publicUrlValue,
  signalWireSpaceValue,
  textValue,
  urlValue,
} from './env-value-schemas.js';

/** Log levels pino understands. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type ConfigGroup =
  | 'server'
  | 'platform'
  | 'storage'
  | 'post-call'
  | 'logging'
  | 'twilio'
  | 'signalwire'
  | 'openai'
  | 'deepgram'
  | 'elevenlabs';

interface ConfigVariableSpec {
  readonly group: ConfigGroup;
  /**
   * How the default is shown in docs; `undefined` when unset means "off" or "not used". For the
   * vendor base URLs it is the vendor's own API, which the provider uses when the variable is unset.
   */
  readonly defaultText: string | undefined;
  readonly description: string;
  /** Secrets are never echoed in messages or logs. */
  readonly secret: boolean;
  /** Parses the trimmed, non-empty text; must accept `undefined` (unset) too. */
  readonly schema: z.ZodType<unknown, string | undefined>;
}

/** Where each vendor's API lives when no base URL is set; the doctor probes these. */
export const DEFAULT_PROVIDER_BASE_URLS = Object.freeze({
  openai: 'https://api.openai.com/v1',
  deepgram: 'https://api.deepgram.com',
  elevenlabs: 'https://api.elevenlabs.io',
});

const HTTP = ['http:', 'https:'];
const HTTP_OR_WS = ['http:', 'https:', 'ws:', 'wss:'];

/**
 * Every environment variable Switchboard reads, with its parser, default and meaning. The one
 * place to add a variable; `describeConfig()` renders it for the README.
 */
export const CONFIG_VARIABLES = {
  PORT: {
    group: 'server',
    defaultText: '3000',
    description: 'TCP port the HTTP and WebSocket server listens on.',
    secret: false,
    schema: integerValue({ min: 0, max: 65_535, example: '3000' }).default(3000),
  },
  HOST: {
    group: 'server',
    defaultText: '0.0.0.0',
    description: 'Interface to listen on; 127.0.0.1 keeps the server off the network.',
    secret: false,
    schema: textValue().default('0.0.0.0'),
  },
  PUBLIC_URL: {
    group: 'server',
    defaultText: undefined,
    description:
      'Public https:// base URL carriers reach this server on (webhooks and media streams). Required to take real calls; optional for local demos, and readiness reports it.',
    secret: false,
    schema: publicUrlValue().optional(),
  },
  SHUTDOWN_TIMEOUT_MS: {
    group: 'server',
    defaultText: '30000',
    description: 'On SIGTERM, how long running calls may continue before they are ended.',
    secret: false,
    schema: integerValue({ min: 0, example: '30000' }).default(30_000),
  },
  MAX_CONCURRENT_CALLS: {
    group: 'server',
    defaultText: undefined,
    description: 'Calls beyond this many at once are refused; unlimited when unset.',
    secret: false,
    schema: integerValue({ min: 1, example: '20' }).optional(),
  },
  SWITCHBOARD_CONFIG: {
    group: 'server',
    defaultText: undefined,
    description:
      'Path of the provisioning file (YAML or JSON) that defines agents and phone numbers.',
    secret: false,
    schema: textValue().optional(),
  },
  DATA_DIR: {
    group: 'platform',
    defaultText: './data',
    description:
      'Folder for the embedded database (when DATABASE_URL is unset), the call spool, local recordings and the generated credential key.',
    secret: false,
    schema: textValue().default('./data'),
  },
  DATABASE_URL: {
    group: 'platform',
    defaultText: undefined,
    description:
      'postgres:// URL of a PostgreSQL server (13 or newer, with the btree_gist extension available). Unset: an embedded PostgreSQL (PGlite) in DATA_DIR/pgdata.',
    secret: true,
    schema: urlValue(
      ['postgres:', 'postgresql:'],
      'postgres://switchboard:secret@localhost:5432/switchboard',
    ).optional(),
  },
  DATABASE_SCHEMA: {
    group: 'platform',
    defaultText: 'public',
    description:
      'PostgreSQL schema Switchboard keeps its tables in (several installations can share one database).',
    secret: false,
    schema: patternValue(
      /^[a-z_][a-z0-9_]{0,62}$/,
      'a plain lower-case identifier, e.g. switchboard',
    ).default('public'),
  },
  SWITCHBOARD_SECRET_KEY: {
    group: 'platform',
    defaultText: undefined,
    description:
      'Key (64 hex characters) that encrypts stored provider credentials and derives signing secrets. Unset: generated once into DATA_DIR/secret.key. Back it up: without it stored credentials cannot be read.',
    secret: true,
    schema: patternValue(
      /^[0-9a-fA-F]{64}$/,
      '64 hex characters, e.g. from `openssl rand -hex 32`',
    ).optional(),
  },
  RECORD_CALLS: {
    group: 'platform',
    defaultText: 'true',
    description: 'Record both sides of every call as a stereo WAV (caller left, agent right).',
    secret: false,
    schema: booleanValue().default(true),
  },
  ALLOW_PRIVATE_NETWORKS: {
    group: 'platform',
    defaultText: 'false',
    description:
      "Let agents' HTTP tools reach private and loopback addresses (an organisation's API on the same network). Off, such requests are refused.",
    secret: false,
    schema: booleanValue().default(false),
  },
  API_RATE_LIMIT_PER_MINUTE: {
    group: 'platform',
    defaultText: '600',
    description: 'Requests per minute each API key may make to /v1 (bursts up to the same number).',
    secret: false,
    schema: integerValue({ min: 1, example: '600' }).default(600),
  },
  SMTP_URL: {
    group: 'post-call',
    defaultText: undefined,
    description:
      'SMTP server for summary emails, e.g. smtp://user:password@mail.example.com:587 or smtps://…:465. Unset: emails are written to DATA_DIR/outbox and listed at /v1/emails.',
    secret: true,
    schema: urlValue(['smtp:', 'smtps:'], 'smtp://user:password@mail.example.com:587').optional(),
  },
  EMAIL_FROM: {
    group: 'post-call',
    defaultText: 'Switchboard <switchboard@localhost>',
    description: 'Sender of summary and notification emails.',
    secret: false,
    schema: textValue().default('Switchboard <switchboard@localhost>'),
  },
  WEBHOOK_TIMEOUT_MS: {
    group: 'post-call',
    defaultText: '10000',
    description: 'How long a webhook endpoint has to answer one delivery attempt.',
    secret: false,
    schema: integerValue({ min: 100, example: '10000' }).default(10_000),
  },
  WEBHOOK_MAX_ATTEMPTS: {
    group: 'post-call',
    defaultText: '15',
    description:
      'Attempts per webhook delivery (first included) before it is dead-lettered; with the default backoff they span about 18 hours.',
    secret: false,
    schema: integerValue({ min: 1, example: '15' }).default(15),
  },
  WEBHOOK_RETRY_BASE_MS: {
    group: 'post-call',
    defaultText: '5000',
    description:
      'Delay after a failed webhook attempt; it doubles with each further failure (with jitter) up to 6 hours.',
    secret: false,
    schema: integerValue({ min: 10, example: '5000' }).default(5_000),
  },
  WEBHOOK_PAUSE_AFTER_FAILURES: {
    group: 'post-call',
    defaultText: '20',
    description:
      'Consecutive failed attempts after which an endpoint is paused and its organisation’s owners are emailed; deliveries wait until it is re-activated.',
    secret: false,
    schema: integerValue({ min: 1, example: '20' }).default(20),
  },
  S3_BUCKET: {
    group: 'storage',
    defaultText: undefined,
    description: 'Store recordings in this S3-compatible bucket instead of DATA_DIR/recordings.',
    secret: false,
    schema: textValue().optional(),
  },
  S3_ENDPOINT: {
    group: 'storage',
    defaultText: 'https://s3.<region>.amazonaws.com',
    description: 'S3-compatible endpoint (MinIO, R2, Garage…); path-style requests.',
    secret: false,
    schema: urlValue(['http:', 'https:'], 'https://minio.example.com').optional(),
  },
  S3_REGION: {
    group: 'storage',
    defaultText: 'us-east-1',
    description: 'Region used in request signatures.',
    secret: false,
    schema: textValue().default('us-east-1'),
  },
  S3_ACCESS_KEY_ID: {
    group: 'storage',
    defaultText: undefined,
    description: 'Access key id for the bucket.',
    secret: false,
    schema: textValue().optional(),
  },
  S3_SECRET_ACCESS_KEY: {
    group: 'storage',
    defaultText: undefined,
    description: 'Secret access key for the bucket.',
    secret: true,
    schema: textValue().optional(),
  },
  LOG_LEVEL: {
    group: 'logging',
    defaultText: 'info',
    description: `Log level: ${LOG_LEVELS.join(', ')}.`,
    secret: false,
    schema: choiceValue(LOG_LEVELS).default('info'),
  },
  LOG_REDACT_PII: {
    group: 'logging',
    defaultText: 'false',
    description:
      'When true, phone numbers, transcripts, prompts and tool arguments are replaced by [redacted] in logs.',
    secret: false,
    schema: booleanValue().default(false),
  },
  TWILIO_ACCOUNT_SID: {
    group: 'twilio',
    defaultText: undefined,
    description: 'Twilio Account SID (AC followed by 32 hex digits).',
    secret: false,
    schema: patternValue(
      /^AC[0-9a-fA-F]{32}$/,
      'must be your Twilio Account SID: AC followed by 32 hex digits, from console.twilio.com',
    ).optional(),
  },
  TWILIO_AUTH_TOKEN: {
    group: 'twilio',
    defaultText: undefined,
    description: 'Twilio Auth Token; signs webhooks and authenticates REST calls.',
    secret: true,
    schema: textValue().optional(),
  },
  TWILIO_API_BASE_URL: {
    group: 'twilio',
    defaultText: 'https://api.twilio.com',
    description: 'Twilio REST API base URL; point it at a fake for tests.',
    secret: false,
    schema: urlValue(HTTP, 'https://api.twilio.com').default('https://api.twilio.com'),
  },
  SIGNALWIRE_PROJECT_ID: {
    group: 'signalwire',
    defaultText: undefined,
    description: 'SignalWire Project ID (a UUID).',
    secret: false,
    schema: patternValue(
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      'must be your SignalWire Project ID, a UUID like 2b7a5c3e-1f0d-4c8e-9a6b-3d2e1f0a9b8c',
    ).optional(),
  },
  SIGNALWIRE_API_TOKEN: {
    group: 'signalwire',
    defaultText: undefined,
    description: 'SignalWire API token; authenticates REST calls.',
    secret: true,
    schema: textValue().optional(),
  },
  SIGNALWIRE_SIGNING_KEY: {
    group: 'signalwire',
    defaultText: undefined,
    description:
      'SignalWire signing key (dashboard, not the API token); verifies webhook signatures.',
    secret: true,
    schema: textValue().optional(),
  },
  SIGNALWIRE_SPACE_URL: {
    group: 'signalwire',
    defaultText: undefined,
    description:
      'SignalWire space, e.g. example.signalwire.com; REST calls go to https://{space}/api/laml.',
    secret: false,
    schema: signalWireSpaceValue().optional(),
  },
  OPENAI_API_KEY: {
    group: 'openai',
    defaultText: undefined,
    description:
      'OpenAI API key; optional when OPENAI_BASE_URL points at a local or self-hosted server.',
    secret: true,
    schema: textValue().optional(),
  },
  OPENAI_BASE_URL: {
    group: 'openai',
    defaultText: DEFAULT_PROVIDER_BASE_URLS.openai,
    description:
      'OpenAI-compatible API base URL including the version, e.g. http://127.0.0.1:11434/v1 for a local server.',
    secret: false,
    schema: urlValue(HTTP, 'https://api.openai.com/v1').optional(),
  },
  DEEPGRAM_API_KEY: {
    group: 'deepgram',
    defaultText: undefined,
    description:
      'Deepgram API key; optional when DEEPGRAM_BASE_URL points at a local or self-hosted server.',
    secret: true,
    schema: textValue().optional(),
  },
  DEEPGRAM_BASE_URL: {
    group: 'deepgram',
    defaultText: DEFAULT_PROVIDER_BASE_URLS.deepgram,
    description:
      'Deepgram API base URL, e.g. a local fake or self-hosted server; ws:// and wss:// are accepted.',
    secret: false,
    schema: urlValue(HTTP_OR_WS, 'https://api.deepgram.com').optional(),
  },
  ELEVENLABS_API_KEY: {
    group: 'elevenlabs',
    defaultText: undefined,
    description:
      'ElevenLabs API key; optional when ELEVENLABS_BASE_URL points at a local or self-hosted server.',
    secret: true,
    schema: textValue().optional(),
  },
  ELEVENLABS_BASE_URL: {
    group: 'elevenlabs',
    defaultText: DEFAULT_PROVIDER_BASE_URLS.elevenlabs,
    description: 'ElevenLabs API base URL, e.g. a local fake; ws:// and wss:// are accepted.',
    secret: false,
    schema: urlValue(HTTP_OR_WS, 'https://api.elevenlabs.io').optional(),
  },
} as const satisfies Record<string, ConfigVariableSpec>;

export type ConfigVariableName = keyof typeof CONFIG_VARIABLES;

/** Each variable after parsing (defaults applied; `undefined` for unset optional ones). */
export type ConfigValues = {
  readonly [Name in ConfigVariableName]: z.output<(typeof CONFIG_VARIABLES)[Name]['schema']>;
};
