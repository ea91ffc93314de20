import type { AppConfig } from './app-config.js';
import {
  CONFIG_VARIABLES,
  type ConfigValues,
  type ConfigVariableName,
} from './config-variables.js';
import { ConfigValidationError, type ConfigProblem } from './config-validation-error.js';
import { deepFreeze } from './deep-freeze.js';

/** The environment as Node gives it (`process.env`) or as a test writes it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Result of reading the environment without throwing, for `doctor` and readiness. */
export interface ConfigInspection {
  /**
   * Best-effort configuration: a variable that failed to parse counts as unset (its default
   * applies). Only trustworthy when `problems` is empty.
   */
  readonly config: AppConfig;
  readonly values: ConfigValues;
  readonly problems: readonly ConfigProblem[];
}

/** Trimmed value, with empty and whitespace-only strings counting as unset. */
export function readEnvironmentValue(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Parses every variable and reports every problem instead of stopping at the first.
 */
export function inspectConfig(env: Environment = process.env): ConfigInspection {
  const problems: ConfigProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(CONFIG_VARIABLES)) {
    const result = spec.schema.safeParse(readEnvironmentValue(env, name));
    if (result.success) {
      values[name] = result.data;
    } else {
      for (const issue of result.error.issues)
        problems.push({ setting: name, message: issue.message });
      values[name] = spec.schema.parse(undefined);
    }
  }
  // Every entry of the table was parsed with its own schema, so the record has the mapped type.
  const parsed = values as ConfigValues;
  problems.push(...checkCredentialGroups(env));
  return { config: buildAppConfig(parsed), values: parsed, problems };
}

/**
 * Reads the environment once into a frozen `AppConfig`. Throws `ConfigValidationError` listing
 * every problem, each naming the variable and what to do.
 *
 * @example
 * const config = loadConfig();
 * server.listen(config.server.port, config.server.host);
 */
export function loadConfig(env: Environment = process.env): AppConfig {
  const inspection = inspectConfig(env);
  if (inspection.problems.length > 0) throw new ConfigValidationError(inspection.problems);
  return inspection.config;
}

const CREDENTIAL_GROUPS: readonly {
  readonly vendor: string;
  readonly members: readonly { readonly name: ConfigVariableName; readonly where: string }[];
}[] = [
  {
    vendor: 'Twilio',
    members: [
      { name: 'TWILIO_ACCOUNT_SID', where: 'the Account SID from the Twilio console' },
      { name: 'TWILIO_AUTH_TOKEN', where: 'the Auth Token from the Twilio console' },
    ],
  },
  {
    vendor: 'S3',
    members: [
      { name: 'S3_BUCKET', where: 'the bucket recordings go to' },
      { name: 'S3_ACCESS_KEY_ID', where: "the bucket's access key id" },
      { name: 'S3_SECRET_ACCESS_KEY', where: "the bucket's secret access key" },
    ],
  },
  {
    vendor: 'SignalWire',
    members: [
      { name: 'SIGNALWIRE_PROJECT_ID', where: 'the Project ID from the SignalWire dashboard' },
      { name: 'SIGNALWIRE_API_TOKEN', where: 'an API token from the SignalWire dashboard' },
      { name: 'SIGNALWIRE_SIGNING_KEY', where: 'the signing key from the SignalWire dashboard' },
      { name: 'SIGNALWIRE_SPACE_URL', where: 'your space, e.g. example.signalwire.com' },
    ],
  },
];

/** A half-configured carrier is a mistake: name each missing variable and what goes in it. */
function checkCredentialGroups(env: Environment): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const group of CREDENTIAL_GROUPS) {
    const present = group.members.filter(
      (member) => readEnvironmentValue(env, member.name) !== undefined,
    );
    if (present.length === 0 || present.length === group.members.length) continue;
    const presentNames = present.map((member) => member.name).join(', ');
    for (const member of group.members) {
      if (present.includes(member)) continue;
      problems.push({
        setting: member.name,
        message: `is required because ${presentNames} ${present.length === 1 ? 'is' : 'are'} set; set it to ${member.where} (or unset the other ${group.vendor} variables)`,
      });
    }
  }
  return problems;
}

function buildAppConfig(values: ConfigValues): AppConfig {
  const twilio =
    values.TWILIO_ACCOUNT_SID !== undefined && values.TWILIO_AUTH_TOKEN !== undefined
      ? {
          accountSid: values.TWILIO_ACCOUNT_SID,
          authToken: values.TWILIO_AUTH_TOKEN,
          apiBaseUrl: values.TWILIO_API_BASE_URL,
        }
      : undefined;
  const signalwire =
    values.SIGNALWIRE_PROJECT_ID !== undefined &&
    values.SIGNALWIRE_API_TOKEN !== undefined &&
    values.SIGNALWIRE_SIGNING_KEY !== undefined &&
    values.SIGNALWIRE_SPACE_URL !== undefined
      ? {
          projectId: values.SIGNALWIRE_PROJECT_ID,
          apiToken: values.SIGNALWIRE_API_TOKEN,
          signingKey: values.SIGNALWIRE_SIGNING_KEY,
          spaceUrl: values.SIGNALWIRE_SPACE_URL,
          apiBaseUrl: `${values.SIGNALWIRE_SPACE_URL}/api/laml`,
        }
      : undefined;
  return deepFreeze({
    server: {
      port: values.PORT,
      host: values.HOST,
      publicUrl: values.PUBLIC_URL,
      shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
      maxConcurrentCalls: values.MAX_CONCURRENT_CALLS,
    },
    platform: {
      dataDir: values.DATA_DIR,
      databaseUrl: values.DATABASE_URL,
      databaseSchema: values.DATABASE_SCHEMA,
      secretKey: values.SWITCHBOARD_SECRET_KEY,
      recordCalls: values.RECORD_CALLS,
      allowPrivateNetworks: values.ALLOW_PRIVATE_NETWORKS,
      apiRateLimitPerMinute: values.API_RATE_LIMIT_PER_MINUTE,
    },
    postCall: {
      smtpUrl: values.SMTP_URL,
      emailFrom: values.EMAIL_FROM,
      webhookTimeoutMs: values.WEBHOOK_TIMEOUT_MS,
      webhookMaxAttempts: values.WEBHOOK_MAX_ATTEMPTS,
      webhookRetryBaseMs: values.WEBHOOK_RETRY_BASE_MS,
      webhookPauseAfterFailures: values.WEBHOOK_PAUSE_AFTER_FAILURES,
    },
    s3:
      values.S3_BUCKET !== undefined &&
      values.S3_ACCESS_KEY_ID !== undefined &&
      values.S3_SECRET_ACCESS_KEY !== undefined
        ? {
            bucket: values.S3_BUCKET,
            endpoint: values.S3_ENDPOINT,
            region: values.S3_REGION,
            accessKeyId: values.S3_ACCESS_KEY_ID,
            secretAccessKey: values.S3_SECRET_ACCESS_KEY,
          }
        : undefined,
    logging: { level: values.LOG_LEVEL, redactPii: values.LOG_REDACT_PII },
    provisioningPath: values.SWITCHBOARD_CONFIG,
    twilio,
    signalwire,
    providers: {
      openai: { apiKey: values.OPENAI_API_KEY, baseUrl: values.OPENAI_BASE_URL },
      deepgram: { apiKey: values.DEEPGRAM_API_KEY, baseUrl: values.DEEPGRAM_BASE_URL },
      elevenlabs: { apiKey: values.ELEVENLABS_API_KEY, baseUrl: values.ELEVENLABS_BASE_URL },
    },
  });
}
