import { createHash, createHmac } from 'node:crypto';

/** The `x-amz-content-sha256` value that leaves the body out of the signature. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** SHA-256 of no bytes, the payload hash of a GET or DELETE. */
export const EMPTY_PAYLOAD_SHA256 =
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Who signs, and for which region and service. */
export interface SigV4Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  /** `s3` for object storage. */
  readonly service: string;
}

/** The parts of a request the signature covers. */
export interface SigV4Request {
  readonly method: string;
  /** `host[:port]` exactly as the Host header will carry it. */
  readonly host: string;
  /** The path as sent, already encoded with {@link encodeS3Path}. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Further headers to sign, names in lower case (content-type, range …). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body, or {@link UNSIGNED_PAYLOAD}. */
  readonly payloadHash: string;
}

/**
 * Percent-encodes the way SigV4 wants: everything but `A-Z a-z 0-9 - . _ ~` becomes `%XX` of its
 * UTF-8 bytes (`encodeURIComponent` leaves `!'()*` alone, which breaks signatures).
 */
export function awsUriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** An object key as a URL path: each segment encoded, the slashes kept. */
export function encodeS3Path(key: string): string {
  return key.split('/').map(awsUriEncode).join('/');
}

/** `YYYYMMDD'T'HHMMSS'Z'`, the x-amz-date format. */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

/**
 * Signs a request with AWS Signature Version 4 (header form) and returns the headers to add:
 * `authorization`, `x-amz-date`, `x-amz-content-sha256` and the given `headers`. Host is signed
 * but not returned; `fetch` sets it from the URL.
 */
export function signSigV4(
  request: SigV4Request,
  credentials: SigV4Credentials,
  date: Date,
): Record<string, string> {
  const amzDate = formatAmzDate(date);
  const day = amzDate.slice(0, 8);
  const signed: Record<string, string> = {
    ...request.headers,
    host: request.host,
    'x-amz-content-sha256': request.payloadHash,
    'x-amz-date': amzDate,
  };
  const names = Object.keys(signed).sort();
  const canonicalHeaders = names
    .map((name) => `${name}:${signed[name]!.trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalQuery = Object.entries(request.query ?? {})
    .map(([name, value]) => [awsUriEncode(name), awsUriEncode(value)] as const)
    .sort(([a, aValue], [b, bValue]) => (a === b ? (aValue < bValue ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method,
    request.path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    request.payloadHash,
  ].join('\n');
  const scope = `${day}/${credentials.region}/${credentials.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const dayKey = hmac(`AWS4${credentials.secretAccessKey}`, day);
  const serviceKey = hmac(hmac(dayKey, credentials.region), credentials.service);
  const signingKey = hmac(serviceKey, 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  const { host: _host, ...headers } = signed;
  return {
    ...headers,
    authorization:
      `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, ` +
      `SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
