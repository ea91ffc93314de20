import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  computeTwilioSignature,
  twilioUrlPortVariants,
  validateTwilioSignature,
} from './signature.js';

const authToken = '12345';

/** The documented algorithm written out by hand, independent of the module under test. */
function handSignature(token: string, data: string): string {
  return createHmac('sha1', token).update(data, 'utf8').digest('base64');
}

describe('computeTwilioSignature', () => {
  it('matches the documented algorithm: URL then sorted name+value pairs', () => {
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const params = {
      To: '+18005551212',
      From: '+14158675310',
      Digits: '1234',
      Caller: '+14158675310',
      CallSid: 'CA1234567890ABCDE',
    };
    const data =
      'https://mycompany.com/myapp.php?foo=1&bar=2' +
      'CallSidCA1234567890ABCDE' +
      'Caller+14158675310' +
      'Digits1234' +
      'From+14158675310' +
      'To+18005551212';
    expect(computeTwilioSignature({ authToken, url, params })).toBe(handSignature(authToken, data));
  });

  it('sorts by code unit, so upper case sorts before lower case', () => {
    const url = 'https://a.example/hook';
    expect(computeTwilioSignature({ authToken, url, params: { b: '2', Z: 'z', B: 'b' } })).toBe(
      handSignature(authToken, `${url}BbZzb2`),
    );
  });

  it('appends each value of a repeated key, deduplicated and sorted', () => {
    const url = 'https://a.example/hook';
    const expected = handSignature(authToken, `${url}EventaEventbToc`);
    const fromRecord = computeTwilioSignature({
      authToken,
      url,
      params: { To: 'c', Event: ['b', 'a', 'b'] },
    });
    const fromForm = computeTwilioSignature({
      authToken,
      url,
      params: new URLSearchParams('Event=b&To=c&Event=a&Event=b'),
    });
    expect(fromRecord).toBe(expected);
    expect(fromForm).toBe(expected);
  });

  it('signs the decoded values: %2B is +, a raw + is a space', () => {
    const url = 'https://a.example/voice';
    const decoded = new URLSearchParams('From=%2B15551234567&To=+15550000000');
    expect(decoded.get('From')).toBe('+15551234567');
    expect(decoded.get('To')).toBe(' 15550000000');
    expect(computeTwilioSignature({ authToken, url, params: decoded })).toBe(
      handSignature(authToken, `${url}From+15551234567To 15550000000`),
    );
  });

  it('uses the URL as a raw string, without re-encoding', () => {
    const url = "https://a.example/voice?name=O'Brien&x=%7e";
    expect(computeTwilioSignature({ authToken, url })).toBe(handSignature(authToken, url));
  });
});

describe('validateTwilioSignature', () => {
  const url = 'https://calls.example.com/twilio/voice';
  const params = { CallSid: 'CA1', From: '+15551234567' };
  const signature = computeTwilioSignature({ authToken, url, params });

  it('accepts the right signature and refuses anything else', () => {
    expect(validateTwilioSignature({ authToken, signature, url, params })).toBe(true);
    expect(validateTwilioSignature({ authToken: 'other', signature, url, params })).toBe(false);
    expect(
      validateTwilioSignature({
        authToken,
        signature,
        url,
        params: { ...params, From: '+15550000000' },
      }),
    ).toBe(false);
    expect(validateTwilioSignature({ authToken, signature, url: `${url}?x=1`, params })).toBe(
      false,
    );
    expect(validateTwilioSignature({ authToken, signature: signature.slice(1), url, params })).toBe(
      false,
    );
    expect(validateTwilioSignature({ authToken, signature: undefined, url, params })).toBe(false);
    expect(validateTwilioSignature({ authToken, signature: '', url, params })).toBe(false);
    expect(validateTwilioSignature({ authToken: '', signature, url, params })).toBe(false);
  });

  it('accepts a signature over the URL with the default port when we know it without, and back', () => {
    const signedWithPort = computeTwilioSignature({
      authToken,
      url: 'https://calls.example.com:443/twilio/voice',
      params,
    });
    expect(validateTwilioSignature({ authToken, signature: signedWithPort, url, params })).toBe(
      true,
    );
    expect(
      validateTwilioSignature({
        authToken,
        signature,
        url: 'https://calls.example.com:443/twilio/voice',
        params,
      }),
    ).toBe(true);
    const wss = computeTwilioSignature({
      authToken,
      url: 'wss://calls.example.com:443/twilio/media-stream/AC1',
    });
    expect(
      validateTwilioSignature({
        authToken,
        signature: wss,
        url: 'wss://calls.example.com/twilio/media-stream/AC1',
      }),
    ).toBe(true);
  });

  it('does not drop a non-default port', () => {
    const signedPlain = computeTwilioSignature({ authToken, url, params });
    expect(
      validateTwilioSignature({
        authToken,
        signature: signedPlain,
        url: 'https://calls.example.com:8443/twilio/voice',
        params,
      }),
    ).toBe(false);
  });

  it('checks JSON bodies through bodySHA256, ignoring form params', () => {
    const body = '{"CallSid":"CA1"}';
    const hash = createHash('sha256').update(body).digest('hex');
    const jsonUrl = `https://calls.example.com/hook?bodySHA256=${hash}`;
    const jsonSignature = handSignature(authToken, jsonUrl);
    expect(
      validateTwilioSignature({ authToken, signature: jsonSignature, url: jsonUrl, body }),
    ).toBe(true);
    expect(
      validateTwilioSignature({
        authToken,
        signature: jsonSignature,
        url: jsonUrl,
        body: `${body} `,
      }),
    ).toBe(false);
    expect(validateTwilioSignature({ authToken, signature: jsonSignature, url: jsonUrl })).toBe(
      false,
    );
    expect(
      validateTwilioSignature({
        authToken,
        signature: jsonSignature,
        url: jsonUrl,
        body: Buffer.from(body),
      }),
    ).toBe(true);
  });
});

describe('twilioUrlPortVariants', () => {
  it('adds or removes only the default port of the scheme', () => {
    expect(twilioUrlPortVariants('https://a.example/x?y=1')).toEqual([
      'https://a.example/x?y=1',
      'https://a.example:443/x?y=1',
    ]);
    expect(twilioUrlPortVariants('http://a.example:80/x')).toEqual([
      'http://a.example:80/x',
      'http://a.example/x',
    ]);
    expect(twilioUrlPortVariants('ws://127.0.0.1:5050/x')).toEqual(['ws://127.0.0.1:5050/x']);
    expect(twilioUrlPortVariants('https://user:pass@a.example/x')).toEqual([
      'https://user:pass@a.example/x',
      'https://user:pass@a.example:443/x',
    ]);
    expect(twilioUrlPortVariants('https://[::1]/x')).toEqual([
      'https://[::1]/x',
      'https://[::1]:443/x',
    ]);
    expect(twilioUrlPortVariants('not a url')).toEqual(['not a url']);
  });
});
