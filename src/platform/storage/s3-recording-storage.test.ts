import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3Server, type FakeS3Server } from '../../testing/fake-s3/index.js';
import type { StoredRecording } from './recording-storage.js';
import { createS3RecordingStorage } from './s3-recording-storage.js';

const CREDENTIALS = {
  accessKeyId: 'switchboard',
  secretAccessKey: 'a-secret',
  region: 'eu-test-1',
};

let fake: FakeS3Server;
let directory: string;
let source: string;
beforeAll(async () => {
  fake = await startFakeS3Server({ ...CREDENTIALS, buckets: ['recordings'] });
  directory = await mkdtemp(join(tmpdir(), 's3-storage-'));
  source = join(directory, 'call.wav');
  await writeFile(source, Buffer.from(Array.from({ length: 1000 }, (_, index) => index % 256)));
});
afterAll(async () => {
  await fake.close();
  await rm(directory, { recursive: true, force: true });
});

function storage(overrides: Partial<Parameters<typeof createS3RecordingStorage>[0]> = {}) {
  return createS3RecordingStorage({
    endpoint: fake.url,
    bucket: 'recordings',
    ...CREDENTIALS,
    ...overrides,
  });
}

async function bytes(object: StoredRecording | undefined): Promise<number[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of object!.stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return [...Buffer.concat(chunks)];
}

describe('createS3RecordingStorage', () => {
  it('puts, gets whole and in ranges, and deletes', async () => {
    const s3 = storage();
    const key = 'org/7/calls/CA 1 (retry)*.wav';
    const { location } = await s3.put(key, source, 'audio/wav');
    expect(location).toBe(`${fake.url}/recordings/org/7/calls/CA%201%20%28retry%29%2A.wav`);
    expect(fake.objects.get(`recordings/${key}`)).toMatchObject({ contentType: 'audio/wav' });
    expect(fake.objects.get(`recordings/${key}`)?.body.length).toBe(1000);

    const whole = await s3.open(key);
    expect(whole).toMatchObject({ size: 1000, totalSize: 1000, contentType: 'audio/wav' });
    expect(whole?.range).toBeUndefined();
    expect((await bytes(whole)).slice(250, 253)).toEqual([250, 251, 252]);

    const part = await s3.open(key, { start: 300, end: 303 });
    expect(part).toMatchObject({ size: 4, totalSize: 1000, range: { start: 300, end: 303 } });
    expect(await bytes(part)).toEqual([44, 45, 46, 47]);
    expect(await bytes(await s3.open(key, { suffixLength: 2 }))).toEqual([230, 231]);
    expect((await s3.open(key, { start: 998 }))?.range).toEqual({ start: 998, end: 999 });
    await expect(s3.open(key, { start: 1000 })).rejects.toMatchObject({
      provider: 's3',
      status: 416,
      code: 'range_not_satisfiable',
    });

    await s3.delete(key);
    expect(fake.objects.has(`recordings/${key}`)).toBe(false);
    expect(await s3.open(key)).toBeUndefined();
    await s3.delete(key);
  });

  it('uploads with UNSIGNED-PAYLOAD when asked', async () => {
    await storage({ payloadSigning: 'unsigned' }).put('a/unsigned.wav', source, 'audio/wav');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', status: 200 });
    expect(fake.requests.at(-1)?.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
  });

  it('explains a wrong secret, a wrong key id and a missing bucket', async () => {
    await expect(
      storage({ secretAccessKey: 'wrong' }).put('a/b.wav', source, 'audio/wav'),
    ).rejects.toMatchObject({
      name: 'ProviderError',
      provider: 's3',
      status: 403,
      code: 'unauthorized',
      message: expect.stringMatching(
        /PutObject a\/b\.wav failed with HTTP 403: SignatureDoesNotMatch: .*\(check secretAccessKey/,
      ),
    });
    await expect(storage({ accessKeyId: 'nobody' }).open('a/b.wav')).rejects.toThrow(
      /InvalidAccessKeyId.*check accessKeyId/,
    );
    await expect(storage({ bucket: 'other' }).open('a/b.wav')).rejects.toMatchObject({
      code: 'bucket_not_found',
    });
  });

  it('turns an unreachable endpoint into a retryable network error', async () => {
    await expect(storage({ endpoint: 'http://127.0.0.1:1' }).open('a/b.wav')).rejects.toMatchObject(
      {
        provider: 's3',
        code: 'network_error',
        retryable: true,
      },
    );
  });

  it('passes on injected server failures', async () => {
    fake.failNext({ status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' });
    await expect(storage().open('a/b.wav')).rejects.toMatchObject({ status: 503, retryable: true });
  });

  it('puts the bucket in the host name when path style is off', async () => {
    const urls: string[] = [];
    const s3 = storage({
      endpoint: 'https://s3.example.test',
      forcePathStyle: false,
      fetch: async (input) => {
        urls.push(String(input));
        return new Response(null, { status: 204 });
      },
    });
    await s3.delete('org/1/x.wav');
    expect(urls).toEqual(['https://recordings.s3.example.test/org/1/x.wav']);
  });

  it('refuses bad keys and missing settings before any request', async () => {
    await expect(storage().open('../x')).rejects.toMatchObject({ code: 'invalid_key' });
    expect(() => storage({ bucket: '' })).toThrow(/S3_BUCKET/);
    expect(() => storage({ endpoint: 'ftp://x' })).toThrow(/S3_ENDPOINT/);
  });
});
