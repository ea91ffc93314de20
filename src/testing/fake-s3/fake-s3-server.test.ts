import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMPTY_PAYLOAD_SHA256,
  UNSIGNED_PAYLOAD,
  encodeS3Path,
  signSigV4,
} from '../../platform/storage/s3-signature.js';
import { parseRangeHeader } from './fake-s3-responses.js';
import { startFakeS3Server, type FakeS3Server } from './fake-s3-server.js';

const CREDENTIALS = {
  accessKeyId: 'AKIDFAKE',
  secretAccessKey: 'fake-secret',
  region: 'us-east-1',
};

let fake: FakeS3Server;
beforeAll(async () => {
  fake = await startFakeS3Server(CREDENTIALS);
});
afterAll(async () => {
  await fake.close();
});

interface SignedOptions {
  readonly body?: Buffer;
  readonly headers?: Record<string, string>;
  readonly payloadHash?: string;
  readonly secretAccessKey?: string;
  readonly date?: Date;
  /** Headers added after signing. */
  readonly extraHeaders?: Record<string, string>;
}

async function signed(method: string, key: string, options: SignedOptions = {}): Promise<Response> {
  const url = new URL(`${fake.url}/bucket/${encodeS3Path(key)}`);
  const payloadHash =
    options.payloadHash ??
    (options.body ? createHash('sha256').update(options.body).digest('hex') : EMPTY_PAYLOAD_SHA256);
  const headers = signSigV4(
    { method, host: url.host, path: url.pathname, headers: options.headers, payloadHash },
    {
      ...CREDENTIALS,
      secretAccessKey: options.secretAccessKey ?? CREDENTIALS.secretAccessKey,
      service: 's3',
    },
    options.date ?? new Date(),
  );
  return fetch(url, {
    method,
    headers: { ...headers, ...options.extraHeaders },
    body: options.body,
  });
}

function errorCode(xml: string): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];
}

describe('startFakeS3Server', () => {
  it('serves PUT, GET with ranges, HEAD and DELETE to signed requests', async () => {
    const body = Buffer.from('hello, recording');
    const put = await signed('PUT', 'org/1/a b.wav', {
      body,
      headers: { 'content-type': 'audio/wav' },
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    expect(fake.objects.get('bucket/org/1/a b.wav')?.body.toString()).toBe('hello, recording');

    const range = await signed('GET', 'org/1/a b.wav', { headers: { range: 'bytes=7-15' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe('bytes 7-15/16');
    expect(await range.text()).toBe('recording');

    const head = await signed('HEAD', 'org/1/a b.wav');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('16');
    expect(head.headers.get('content-type')).toBe('audio/wav');

    const beyond = await signed('GET', 'org/1/a b.wav', { headers: { range: 'bytes=16-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */16');
    expect(errorCode(await beyond.text())).toBe('InvalidRange');

    expect((await signed('DELETE', 'org/1/a b.wav')).status).toBe(204);
    const missing = await signed('GET', 'org/1/a b.wav');
    expect(missing.status).toBe(404);
    expect(errorCode(await missing.text())).toBe('NoSuchKey');
  });

  it('rejects requests that are unsigned or signed wrongly, as S3 does', async () => {
    const anonymous = await fetch(`${fake.url}/bucket/x`);
    expect([anonymous.status, errorCode(await anonymous.text())]).toEqual([403, 'AccessDenied']);

    const wrongSecret = await signed('GET', 'x', { secretAccessKey: 'guess' });
    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.headers.get('content-type')).toBe('application/xml');
    expect(errorCode(await wrongSecret.text())).toBe('SignatureDoesNotMatch');

    const tampered = await signed('GET', 'x', {
      headers: { range: 'bytes=0-1' },
      extraHeaders: { range: 'bytes=0-2' },
    });
    expect(errorCode(await tampered.text())).toBe('SignatureDoesNotMatch');

    const stale = await signed('GET', 'x', { date: new Date(Date.now() - 60 * 60 * 1000) });
    expect(errorCode(await stale.text())).toBe('RequestTimeTooSkewed');

    const sneaky = await signed('GET', 'x', { extraHeaders: { 'x-amz-meta-owner': 'me' } });
    expect([sneaky.status, errorCode(await sneaky.text())]).toEqual([403, 'AccessDenied']);

    const wrongHash = await signed('PUT', 'x', {
      body: Buffer.from('abc'),
      payloadHash: EMPTY_PAYLOAD_SHA256,
    });
    expect([wrongHash.status, errorCode(await wrongHash.text())]).toEqual([
      400,
      'XAmzContentSHA256Mismatch',
    ]);
    expect(fake.objects.has('bucket/x')).toBe(false);

    const unsignedPayload = await signed('PUT', 'x', {
      body: Buffer.from('abc'),
      payloadHash: UNSIGNED_PAYLOAD,
    });
    expect(unsignedPayload.status).toBe(200);
  });

  it('fails the next requests on demand', async () => {
    fake.failNext(
      { status: 500, code: 'InternalError', message: 'We encountered an internal error.' },
      2,
    );
    expect((await signed('GET', 'x')).status).toBe(500);
    expect((await signed('GET', 'x')).status).toBe(500);
    expect((await signed('GET', 'x')).status).toBe(200);
  });
});

describe('startFakeS3Server latency', () => {
  it('waits latencyMs before answering', async () => {
    const slow = await startFakeS3Server({ ...CREDENTIALS, latencyMs: 60 });
    try {
      const started = performance.now();
      const response = await fetch(`${slow.url}/bucket/x`);
      expect(response.status).toBe(403);
      // Only a lower bound: the machine is shared, an upper bound would be flaky.
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    } finally {
      await slow.close();
    }
  });
});

describe('parseRangeHeader', () => {
  it('reads the forms S3 accepts and ignores the rest', () => {
    expect(parseRangeHeader('bytes=0-9', 100)).toEqual([0, 9]);
    expect(parseRangeHeader('bytes=90-', 100)).toEqual([90, 99]);
    expect(parseRangeHeader('bytes=95-200', 100)).toEqual([95, 99]);
    expect(parseRangeHeader('bytes=-10', 100)).toEqual([90, 99]);
    expect(parseRangeHeader('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRangeHeader('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRangeHeader('bytes=5-2', 100)).toBeUndefined();
    expect(parseRangeHeader('bytes=0-1,4-5', 100)).toBeUndefined();
    expect(parseRangeHeader(undefined, 100)).toBeUndefined();
  });
});
