import { ProviderError } from '../../errors/provider-error.js';

const PROVIDER = 's3';

/** What to check for the S3 error codes a misconfiguration produces. */
const HINTS: Readonly<Record<string, string>> = {
  SignatureDoesNotMatch: 'check secretAccessKey (S3_SECRET_ACCESS_KEY) and region (S3_REGION)',
  InvalidAccessKeyId: 'check accessKeyId (S3_ACCESS_KEY_ID)',
  AccessDenied: 'check the key pair and the bucket policy',
  AuthorizationHeaderMalformed: 'check region (S3_REGION)',
  NoSuchBucket: 'check bucket (S3_BUCKET)',
  RequestTimeTooSkewed: "check this machine's clock",
  PermanentRedirect: 'check endpoint (S3_ENDPOINT) and region (S3_REGION)',
};

function codeFor(status: number, s3Code: string | undefined): string {
  if (status === 416 || s3Code === 'InvalidRange') return 'range_not_satisfiable';
  if (status === 401 || status === 403) return 'unauthorized';
  if (s3Code === 'NoSuchBucket') return 'bucket_not_found';
  if (s3Code === 'NoSuchKey') return 'not_found';
  return 'provider_error';
}

function xmlField(body: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
}

/**
 * Turns a failed S3 answer into a `ProviderError` (provider `s3`) whose message names the
 * operation, the key, the status, S3's own error code and message, and what setting to check.
 */
export async function s3ErrorFromResponse(
  response: Response,
  operation: string,
  key: string,
): Promise<ProviderError> {
  let body = '';
  try {
    body = await response.text();
  } catch {
    // The status alone still says what happened.
  }
  const s3Code = xmlField(body, 'Code');
  const detail = [s3Code, xmlField(body, 'Message') ?? response.statusText].filter(Boolean);
  const hint = s3Code !== undefined ? HINTS[s3Code] : undefined;
  return new ProviderError(
    `s3: ${operation} ${key} failed with HTTP ${response.status}` +
      (detail.length > 0 ? `: ${detail.join(': ')}` : '') +
      (hint !== undefined ? ` (${hint})` : ''),
    { provider: PROVIDER, status: response.status, code: codeFor(response.status, s3Code) },
  );
}

/** A request that got no answer: DNS, refused connection, reset. */
export function s3NetworkError(error: unknown, operation: string, key: string): ProviderError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ProviderError(
    `s3: ${operation} ${key} failed: ${reason} (check endpoint / S3_ENDPOINT)`,
    {
      provider: PROVIDER,
      code: 'network_error',
      retryable: true,
      cause: error,
    },
  );
}
