import type { LogLevel } from './config-variables.js';

/** Server settings. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Public https base URL without trailing slash, e.g. `https://voice.example.com`. */
  readonly publicUrl: string | undefined;
  readonly shutdownTimeoutMs: number;
  /** Unlimited when undefined. */
  readonly maxConcurrentCalls: number | undefined;
}

export interface LoggingConfig {
  readonly level: LogLevel;
  readonly redactPii: boolean;
}

/** Present only when both the Account SID and the Auth Token are set. */
export interface TwilioConfig {
  readonly accountSid: string;
  readonly authToken: string;
  /** REST base without trailing slash, `https://api.twilio.com` by default. */
  readonly apiBaseUrl: string;
}

/** Present only when the project id, API token, signing key and space are all set. */
export interface SignalWireConfig {
  readonly projectId: string;
  readonly apiToken: string;
  readonly signingKey: string;
  /** Origin of the space, e.g. `https://example.signalwire.com`. */
  readonly spaceUrl: string;
  /** LaML (Twilio-compatible) REST base: `<spaceUrl>/api/laml`. */
  readonly apiBaseUrl: string;
}

/**
 * Credentials for one AI vendor. `baseUrl` is the override from the environment (no trailing
 * slash); when undefined the provider uses its own default.
 */
export interface ProviderConnectionConfig {
  readonly apiKey: string | undefined;
  readonly baseUrl: string | undefined;
}

export interface ProvidersConfig {
  readonly openai: ProviderConnectionConfig;
  readonly deepgram: ProviderConnectionConfig;
  readonly elevenlabs: ProviderConnectionConfig;
}

export interface PlatformConfig {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly databaseSchema: string;
  readonly secretKey: string | undefined;
  readonly recordCalls: boolean;
  readonly allowPrivateNetworks: boolean;
  readonly apiRateLimitPerMinute: number;
}

/** Summary emails and webhook deliveries. */
export interface PostCallConfig {
  readonly smtpUrl: string | undefined;
  readonly emailFrom: string;
  readonly webhookTimeoutMs: number;
  readonly webhookMaxAttempts: number;
  readonly webhookRetryBaseMs: number;
  readonly webhookPauseAfterFailures: number;
}

export interface S3Config {
  readonly bucket: string;
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The whole process configuration, parsed once from the environment and deeply frozen. */
export interface AppConfig {
  readonly server: ServerConfig;
  readonly platform: PlatformConfig;
  readonly postCall: PostCallConfig;
  /** Recordings go to S3 when a bucket is configured, else to DATA_DIR/recordings. */
  readonly s3: S3Config | undefined;
  readonly logging: LoggingConfig;
  /** Path of the provisioning file (`SWITCHBOARD_CONFIG`) as given, if set. */
  readonly provisioningPath: string | undefined;
  readonly twilio: TwilioConfig | undefined;
  readonly signalwire: SignalWireConfig | undefined;
  readonly providers: ProvidersConfig;
}
