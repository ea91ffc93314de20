import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Server-side check of AWS Signature Version 4 (header form), written apart from the client's
 * signer so a mistake in one is not mirrored by the other: the canonical request is rebuilt from
 * what arrived on the wire, the way S3 does.
 */

/** An S3 error to send instead of serving the request. */
export interface FakeS3Failure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** The credentials and region the fake accepts. */
export interface FakeS3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60 * 1000;

function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Decodes what arrived and encodes it again the canonical way. */
function canonicalUri(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => encode(decodeURIComponent(segment)))
    .join('/');
}

function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  return rawQuery
    .split('&')
    .map((pair) => {
      const [name = '', value = ''] = pair.split('=');
      return `${encode(decodeURIComponent(name))}=${encode(decodeURIComponent(value))}`;
    })
    .sort()
    .join('&');
}

function headerValue(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.trim().replace(/\s+/g, ' ');
}

function fail(status: number, code: string, message: string): FakeS3Failure {
  return { status, code, message };
}

/** Returns the S3 error for a request that is not properly signed, or undefined if it is. */
export function checkSigV4(
  request: IncomingMessage,
  body: Buffer,
  credentials: FakeS3Credentials,
  nowMs: number,
): FakeS3Failure | undefined {
  const authorization = request.headers.authorization;
  if (authorization === undefined) return fail(403, 'AccessDenied', 'Access Denied');
  const match = AUTHORIZATION.exec(authorization.trim());
  if (match === null) {
    return fail(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
  }
  const [, credential = '', signedHeaderList = '', signature = ''] = match;
  const [accessKeyId, day, region, service, terminator] = credential.split('/');
  if (accessKeyId !== credentials.accessKeyId) {
    return fail(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  }
  if (region !== credentials.region || service !== 's3' || terminator !== 'aws4_request') {
    return fail(
      400,
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${region}' is wrong; expecting '${credentials.region}'`,
    );
  }
  const amzDate = headerValue(request, 'x-amz-date');
  const payloadHash = headerValue(request, 'x-amz-content-sha256');
  if (payloadHash === '') {
    return fail(
      400,
      'InvalidRequest',
      'Missing required header for this request: x-amz-content-sha256',
    );
  }
  const parsedDate = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(amzDate);
  if (parsedDate === null || amzDate.slice(0, 8) !== day) {
    return fail(
      403,
      'AccessDenied',
      'AWS authentication requires a valid Date or x-amz-date header',
    );
  }
  const [, year, month, date, hour, minute, second] = parsedDate.map(Number) as number[];
  const signedAt = Date.UTC(year!, month! - 1, date, hour, minute, second);
  if (Math.abs(nowMs - signedAt) > MAX_SKEW_MS) {
    return fail(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
    );
  }
  const signedHeaders = signedHeaderList.split(';');
  const unsigned = Object.keys(request.headers).filter(
    (name) => name.startsWith('x-amz-') && !signedHeaders.includes(name),
  );
  if (!signedHeaders.includes('host') || unsigned.length > 0) {
    return fail(
      403,
      'AccessDenied',
      `There were headers present in the request which were not signed: ${unsigned.join(', ') || 'host'}`,
    );
  }
  const [rawPath = '/', rawQuery = ''] = (request.url ?? '/').split('?');
  const canonicalRequest = [
    request.method ?? '',
    canonicalUri(rawPath),
    canonicalQuery(rawQuery),
    signedHeaders.map((name) => `${name}:${headerValue(request, name)}\n`).join(''),
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  let key: Buffer = Buffer.from(`AWS4${credentials.secretAccessKey}`);
  for (const part of [day, region, 's3', 'aws4_request'])
    key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return fail(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  }
  if (
    payloadHash !== 'UNSIGNED-PAYLOAD' &&
    createHash('sha256').update(body).digest('hex') !== payloadHash
  ) {
    return fail(
      400,
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  return undefined;
}
