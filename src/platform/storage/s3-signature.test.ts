import { describe, expect, it } from 'vitest';
import {
  EMPTY_PAYLOAD_SHA256,
  awsUriEncode,
  encodeS3Path,
  formatAmzDate,
  signSigV4,
} from './s3-signature.js';

// The GetObject example of the S3 SigV4 documentation ("Examples: Signature Calculations").
const EXAMPLE_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 's3',
};

describe('signSigV4', () => {
  it('reproduces the signature of the documented GetObject example', () => {
    const headers = signSigV4(
      {
        method: 'GET',
        host: 'examplebucket.s3.amazonaws.com',
        path: '/test.txt',
        headers: { range: 'bytes=0-9' },
        payloadHash: EMPTY_PAYLOAD_SHA256,
      },
      EXAMPLE_CREDENTIALS,
      new Date('2013-05-24T00:00:00Z'),
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers).toMatchObject({
      range: 'bytes=0-9',
      'x-amz-date': '20130524T000000Z',
      'x-amz-content-sha256': EMPTY_PAYLOAD_SHA256,
    });
    expect(headers).not.toHaveProperty('host');
  });

  it('changes with the secret, the path and the query', () => {
    const base = { method: 'GET', host: 'h', path: '/b/k', payloadHash: EMPTY_PAYLOAD_SHA256 };
    const date = new Date('2024-01-01T00:00:00Z');
    const reference = signSigV4(base, EXAMPLE_CREDENTIALS, date).authorization;
    const others = [
      signSigV4(base, { ...EXAMPLE_CREDENTIALS, secretAccessKey: 'other' }, date),
      signSigV4({ ...base, path: '/b/k2' }, EXAMPLE_CREDENTIALS, date),
      signSigV4({ ...base, query: { 'x-id': 'GetObject' } }, EXAMPLE_CREDENTIALS, date),
    ];
    for (const other of others) expect(other.authorization).not.toBe(reference);
  });
});

describe('encoding', () => {
  it('encodes the characters encodeURIComponent leaves alone and keeps key slashes', () => {
    expect(awsUriEncode("a b!'()*~._-")).toBe('a%20b%21%27%28%29%2A~._-');
    expect(encodeS3Path('org/1/calls/ä b.wav')).toBe('org/1/calls/%C3%A4%20b.wav');
    expect(formatAmzDate(new Date('2013-05-24T01:02:03.456Z'))).toBe('20130524T010203Z');
  });
});
