import { ConfigError } from '../../errors/config-error.js';

/** Settings of `createS3RecordingStorage`; each falls back to the environment variable named. */
export interface S3RecordingStorageSettings {
  /** Base URL, e.g. `http://127.0.0.1:9000` (MinIO). `S3_ENDPOINT`; default AWS for the region. */
  readonly endpoint?: string;
  /** `S3_REGION`, then `AWS_REGION`; default `us-east-1` (R2 wants `auto`). */
  readonly region?: string;
  /** `S3_BUCKET`. */
  readonly bucket?: string;
  /** `S3_ACCESS_KEY_ID`, then `AWS_ACCESS_KEY_ID`. */
  readonly accessKeyId?: string;
  /** `S3_SECRET_ACCESS_KEY`, then `AWS_SECRET_ACCESS_KEY`. */
  readonly secretAccessKey?: string;
  /**
   * Bucket in the path (`endpoint/bucket/key`, default) rather than in the host name
   * (`bucket.endpoint/key`). MinIO, Garage and most self-hosted servers need the path form.
   */
  readonly forcePathStyle?: boolean;
  /**
   * How uploads are signed: `sha256` (default) hashes the file first, so the server checks the
   * bytes; `unsigned` sends `UNSIGNED-PAYLOAD` and saves reading the file twice.
   */
  readonly payloadSigning?: 'sha256' | 'unsigned';
  /** Replaces the global `fetch`, for tests and proxies. */
  readonly fetch?: typeof fetch;
}

/** Settings after fallbacks; `endpoint` without a trailing slash. */
export interface ResolvedS3Settings {
  readonly endpoint: URL;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly forcePathStyle: boolean;
  readonly payloadSigning: 'sha256' | 'unsigned';
  readonly fetch: typeof fetch;
}

function pick(...values: (string | undefined)[]): string | undefined {
  return values.map((value) => value?.trim()).find((value) => value !== undefined && value !== '');
}

/** Applies fallbacks and checks the settings; throws `ConfigError` naming what is missing. */
export function resolveS3Settings(settings: S3RecordingStorageSettings): ResolvedS3Settings {
  const env = process.env;
  const region = pick(settings.region, env.S3_REGION, env.AWS_REGION) ?? 'us-east-1';
  const bucket = pick(settings.bucket, env.S3_BUCKET);
  if (bucket === undefined)
    throw new ConfigError('S3_BUCKET', 'no bucket; set S3_BUCKET or pass bucket');
  const accessKeyId = pick(settings.accessKeyId, env.S3_ACCESS_KEY_ID, env.AWS_ACCESS_KEY_ID);
  if (accessKeyId === undefined) {
    throw new ConfigError(
      'S3_ACCESS_KEY_ID',
      'no access key id; set S3_ACCESS_KEY_ID or pass accessKeyId',
    );
  }
  const secretAccessKey = pick(
    settings.secretAccessKey,
    env.S3_SECRET_ACCESS_KEY,
    env.AWS_SECRET_ACCESS_KEY,
  );
  if (secretAccessKey === undefined) {
    throw new ConfigError(
      'S3_SECRET_ACCESS_KEY',
      'no secret access key; set S3_SECRET_ACCESS_KEY or pass secretAccessKey',
    );
  }
  const rawEndpoint =
    pick(settings.endpoint, env.S3_ENDPOINT) ?? `https://s3.${region}.amazonaws.com`;
  let endpoint: URL;
  try {
    endpoint = new URL(rawEndpoint.replace(/\/+$/, ''));
  } catch {
    throw new ConfigError(
      'S3_ENDPOINT',
      `"${rawEndpoint}" is not a URL; use e.g. http://127.0.0.1:9000`,
    );
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new ConfigError('S3_ENDPOINT', `"${rawEndpoint}" must start with http:// or https://`);
  }
  return {
    endpoint,
    region,
    bucket,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: settings.forcePathStyle ?? true,
    payloadSigning: settings.payloadSigning ?? 'sha256',
    fetch: settings.fetch ?? globalThis.fetch,
  };
}
