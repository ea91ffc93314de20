import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../../errors/index.js';
import {
  connectStreamTwiml,
  dialTwiml,
  escapeXml,
  isDialDestination,
  sayAndHangupTwiml,
} from './twiml.js';

const declaration = '<?xml version="1.0" encoding="UTF-8"?>';

describe('connectStreamTwiml', () => {
  it('builds Connect/Stream with one Parameter per entry', () => {
    expect(
      connectStreamTwiml({
        streamUrl: 'wss://calls.example.com/twilio/media-stream/AC1',
        parameters: { tenant: 't_42', callSid: 'CA1' },
      }),
    ).toBe(
      `${declaration}<Response><Connect><Stream url="wss://calls.example.com/twilio/media-stream/AC1">` +
        '<Parameter name="tenant" value="t_42"/><Parameter name="callSid" value="CA1"/>' +
        '</Stream></Connect></Response>',
    );
  });

  it('escapes parameter names and values, and adds a SignalWire bearer token', () => {
    const twiml = connectStreamTwiml({
      streamUrl: 'wss://a.example/s',
      parameters: { 'a"b': `<x> & 'y'` },
      authBearerToken: 't&k',
    });
    expect(twiml).toContain('authBearerToken="t&amp;k"');
    expect(twiml).toContain('<Parameter name="a&quot;b" value="&lt;x&gt; &amp; &apos;y&apos;"/>');
  });

  it('refuses a parameter whose name and value reach 500 characters', () => {
    const name = 'n'.repeat(10);
    expect(() =>
      connectStreamTwiml({
        streamUrl: 'wss://a.example/s',
        parameters: { [name]: 'v'.repeat(489) },
      }),
    ).not.toThrow();
    expect(() =>
      connectStreamTwiml({
        streamUrl: 'wss://a.example/s',
        parameters: { [name]: 'v'.repeat(490) },
      }),
    ).toThrow(SwitchboardError);
    expect(() =>
      connectStreamTwiml({ streamUrl: 'wss://a.example/s', parameters: { '': 'v' } }),
    ).toThrow(SwitchboardError);
  });

  it('refuses stream URLs that are not ws(s) or carry a query', () => {
    for (const streamUrl of [
      'https://a.example/s',
      'wss://a.example/s?token=1',
      'wss://a.example/s#x',
      'wss://',
    ]) {
      expect(() => connectStreamTwiml({ streamUrl })).toThrow(/Stream url/);
    }
  });
});

describe('sayAndHangupTwiml', () => {
  it('says the escaped text, then hangs up', () => {
    expect(
      sayAndHangupTwiml('Sorry & goodbye <3', { voice: 'Polly.Joanna', language: 'en-US' }),
    ).toBe(
      `${declaration}<Response><Say voice="Polly.Joanna" language="en-US">Sorry &amp; goodbye &lt;3</Say><Hangup/></Response>`,
    );
  });
});

describe('dialTwiml', () => {
  it('dials E.164 numbers with Number and SIP URIs with Sip', () => {
    expect(dialTwiml('+15551234567', { callerId: '+15550000000', timeout: 20 })).toBe(
      `${declaration}<Response><Dial callerId="+15550000000" timeout="20"><Number>+15551234567</Number></Dial></Response>`,
    );
    expect(dialTwiml('sip:agent@pbx.example.com;transport=tls?X-Ref=a&b=c')).toBe(
      `${declaration}<Response><Dial><Sip>sip:agent@pbx.example.com;transport=tls?X-Ref=a&amp;b=c</Sip></Dial></Response>`,
    );
  });

  it('refuses other destinations and bad timeouts', () => {
    for (const destination of ['5551234567', '+0123', 'client:bob', 'sip:', 'sip:a b', '']) {
      expect(isDialDestination(destination)).toBe(false);
      expect(() => dialTwiml(destination)).toThrow(SwitchboardError);
    }
    for (const timeout of [0, 601, 1.5, Number.NaN]) {
      expect(() => dialTwiml('+15551234567', { timeout })).toThrow(/timeout/);
    }
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and drops characters XML cannot carry', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(escapeXml('ok\u0000\u0007\tline\nend\uD800!')).toBe('ok\tline\nend!');
    expect(escapeXml('emoji 😀 stays')).toBe('emoji 😀 stays');
  });
});
