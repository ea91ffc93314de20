import { describe, expect, it } from 'vitest';
import { signHttpToolRequest, verifyHttpToolSignature } from './http-tool-signature.js';

const secret = 'whsec_abc';
const now = () => 1_700_000_000_000;
const timestamp = '1700000000';
const body = '{"order":"A-1"}';

describe('HTTP tool signatures', () => {
  it('signs `${timestamp}.${body}` with HMAC-SHA256 in hex', () => {
    const signature = signHttpToolRequest({ secret, timestamp, body });
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyHttpToolSignature({ secret, timestamp, body, signature, now })).toBe(true);
    expect(
      verifyHttpToolSignature({ secret, timestamp, body: Buffer.from(body), signature, now }),
    ).toBe(true);
  });

  it('refuses another secret, body or timestamp', () => {
    const signature = signHttpToolRequest({ secret, timestamp, body });
    expect(verifyHttpToolSignature({ secret: 'other', timestamp, body, signature, now })).toBe(
      false,
    );
    expect(verifyHttpToolSignature({ secret, timestamp, body: `${body} `, signature, now })).toBe(
      false,
    );
    expect(verifyHttpToolSignature({ secret, timestamp: '1700000001', body, signature, now })).toBe(
      false,
    );
  });

  it('refuses timestamps outside the tolerance', () => {
    const old = '1699999000';
    const signature = signHttpToolRequest({ secret, timestamp: old, body });
    expect(verifyHttpToolSignature({ secret, timestamp: old, body, signature, now })).toBe(false);
    expect(
      verifyHttpToolSignature({
        secret,
        timestamp: old,
        body,
        signature,
        now,
        toleranceSeconds: 1_000,
      }),
    ).toBe(true);
  });

  it('accepts any one of several signatures and never throws on malformed input', () => {
    const signature = signHttpToolRequest({ secret, timestamp, body });
    const header = `v1=${'0'.repeat(64)}, ${signature}`;
    expect(verifyHttpToolSignature({ secret, timestamp, body, signature: header, now })).toBe(true);
    for (const bad of [undefined, '', 'v1=zz', 'v0=abc', `v1=${'0'.repeat(63)}`]) {
      expect(verifyHttpToolSignature({ secret, timestamp, body, signature: bad, now })).toBe(false);
    }
    expect(verifyHttpToolSignature({ secret, timestamp: 'soon', body, signature, now })).toBe(
      false,
    );
    expect(verifyHttpToolSignature({ secret: '', timestamp, body, signature, now })).toBe(false);
  });
});
