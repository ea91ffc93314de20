import { describe, expect, it } from 'vitest';
import {
  describeMediaFormat,
  encodeClearMessage,
  encodeMarkMessage,
  encodeMediaMessage,
  isStrictBase64,
  parseMediaStreamMessage,
  toSupportedAudioFormat,
} from './media-stream-codec.js';
import type { MediaStreamParseErrorKind } from './media-stream-types.js';

const twilioStart = {
  event: 'start',
  sequenceNumber: '1',
  streamSid: 'MZ11111111111111111111111111111111',
  start: {
    streamSid: 'MZ11111111111111111111111111111111',
    accountSid: 'AC22222222222222222222222222222222',
    callSid: 'CA33333333333333333333333333333333',
    tracks: ['inbound'],
    customParameters: { tenant: 't_42', from: '+15551234567' },
    mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
  },
};

const payload = Buffer.from([0xff, 0x7f, 0x00, 0x80, 0x12]).toString('base64');

function parse(value: unknown) {
  return parseMediaStreamMessage(typeof value === 'string' ? value : JSON.stringify(value));
}

function expectError(value: unknown, kind: MediaStreamParseErrorKind) {
  const result = parse(value);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.kind).toBe(kind);
  return result;
}

describe('parseMediaStreamMessage: Twilio shapes', () => {
  it('parses connected', () => {
    expect(parse({ event: 'connected', protocol: 'Call', version: '1.0.0' })).toEqual({
      ok: true,
      message: { event: 'connected', protocol: 'Call', version: '1.0.0' },
    });
  });

  it('parses start with string counters and custom parameters', () => {
    const result = parse(twilioStart);
    expect(result).toEqual({
      ok: true,
      message: {
        event: 'start',
        sequenceNumber: 1,
        streamSid: twilioStart.streamSid,
        accountSid: twilioStart.start.accountSid,
        callSid: twilioStart.start.callSid,
        tracks: ['inbound'],
        customParameters: { tenant: 't_42', from: '+15551234567' },
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    });
  });

  it('parses media into raw bytes and numeric counters', () => {
    const result = parse({
      event: 'media',
      sequenceNumber: '3',
      streamSid: 'MZ1',
      media: { track: 'inbound', chunk: '2', timestamp: '40', payload },
    });
    expect(result.ok).toBe(true);
    if (!result.ok || result.message.event !== 'media') throw new Error('expected media');
    expect([...result.message.payload]).toEqual([0xff, 0x7f, 0x00, 0x80, 0x12]);
    expect(result.message).toMatchObject({
      sequenceNumber: 3,
      chunk: 2,
      timestampMs: 40,
      track: 'inbound',
    });
  });

  it('parses mark, dtmf and stop', () => {
    expect(
      parse({ event: 'mark', sequenceNumber: '4', streamSid: 'MZ1', mark: { name: 'u1-c1' } }),
    ).toMatchObject({
      ok: true,
      message: { event: 'mark', name: 'u1-c1', sequenceNumber: 4 },
    });
    expect(
      parse({
        event: 'dtmf',
        sequenceNumber: '5',
        streamSid: 'MZ1',
        dtmf: { track: 'inbound_track', digit: '#' },
      }),
    ).toMatchObject({
      ok: true,
      message: { event: 'dtmf', digit: '#', track: 'inbound_track', durationMs: undefined },
    });
    expect(
      parse({
        event: 'stop',
        sequenceNumber: '6',
        streamSid: 'MZ1',
        stop: { accountSid: 'AC1', callSid: 'CA1' },
      }),
    ).toMatchObject({ ok: true, message: { event: 'stop', accountSid: 'AC1', callSid: 'CA1' } });
  });

  it('accepts bytes as well as text', () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ event: 'mark', mark: { name: 'x' } }));
    expect(parseMediaStreamMessage(bytes)).toMatchObject({
      ok: true,
      message: { event: 'mark', name: 'x' },
    });
  });
});

describe('parseMediaStreamMessage: SignalWire shapes', () => {
  it('parses connected 0.2.0', () => {
    expect(parse({ event: 'connected', protocol: 'Call', version: '0.2.0' })).toMatchObject({
      ok: true,
      message: { version: '0.2.0' },
    });
  });

  it('takes streamSid from start.streamSid when there is no top-level one', () => {
    const { streamSid: _omitted, ...withoutTopLevel } = twilioStart;
    const result = parse({
      ...withoutTopLevel,
      sequenceNumber: 1,
      start: { ...twilioStart.start, streamSid: 'sw-uuid-1' },
    });
    expect(result).toMatchObject({
      ok: true,
      message: { event: 'start', streamSid: 'sw-uuid-1', sequenceNumber: 1 },
    });
  });

  it('parses an L16 start and reports the format as unsupported', () => {
    const result = parse({
      ...twilioStart,
      start: {
        ...twilioStart.start,
        mediaFormat: { encoding: 'audio/x-L16', sampleRate: 16000, channels: 1 },
      },
    });
    if (!result.ok || result.message.event !== 'start') throw new Error('expected start');
    expect(toSupportedAudioFormat(result.message.mediaFormat)).toBeUndefined();
    expect(describeMediaFormat(result.message.mediaFormat)).toBe('audio/x-L16@16000x1');
    expect(toSupportedAudioFormat(twilioStart.start.mediaFormat)).toEqual({
      encoding: 'mulaw',
      sampleRate: 8000,
    });
  });

  it('parses media without streamSid, track or chunk', () => {
    expect(parse({ event: 'media', sequenceNumber: 2, media: { payload } })).toMatchObject({
      ok: true,
      message: { event: 'media', streamSid: undefined, track: 'inbound', chunk: undefined },
    });
  });

  it('parses stop without a stop object', () => {
    expect(parse({ event: 'stop', sequenceNumber: '9' })).toEqual({
      ok: true,
      message: {
        event: 'stop',
        sequenceNumber: 9,
        streamSid: undefined,
        accountSid: undefined,
        callSid: undefined,
      },
    });
  });

  it('parses dtmf without track, with duration, and upper-cases letters', () => {
    expect(
      parse({ event: 'dtmf', sequenceNumber: '3', dtmf: { digit: 'b', duration: 250 } }),
    ).toMatchObject({
      ok: true,
      message: { event: 'dtmf', digit: 'B', track: undefined, durationMs: 250 },
    });
  });
});

describe('parseMediaStreamMessage: malformed input', () => {
  it('refuses malformed JSON', () => expectError('{"event":"media",', 'invalid-json'));
  it('refuses non-objects', () => {
    expectError('[1,2]', 'not-an-object');
    expectError('"start"', 'not-an-object');
    expectError('null', 'not-an-object');
    expectError({ event: 7 }, 'not-an-object');
  });
  it('refuses unknown events', () => {
    const result = expectError({ event: 'dance' }, 'unknown-event');
    if (!result.ok) expect(result.error.event).toBe('dance');
  });
  it('refuses start without callSid, accountSid, mediaFormat or any streamSid', () => {
    const { callSid: _callSid, ...noCall } = twilioStart.start;
    expectError({ ...twilioStart, start: noCall }, 'invalid-message');
    const { accountSid: _accountSid, ...noAccount } = twilioStart.start;
    expectError({ ...twilioStart, start: noAccount }, 'invalid-message');
    const { mediaFormat: _format, ...noFormat } = twilioStart.start;
    expectError({ ...twilioStart, start: noFormat }, 'invalid-message');
    const { streamSid: _top, ...noTop } = twilioStart;
    const { streamSid: _inner, ...noInner } = twilioStart.start;
    expectError({ ...noTop, start: noInner }, 'invalid-message');
  });
  it('refuses non-decimal counters and mistyped fields', () => {
    expectError({ event: 'media', sequenceNumber: 'x1', media: { payload } }, 'invalid-message');
    expectError({ event: 'media', media: { payload: 42 } }, 'invalid-message');
    expectError({ event: 'media' }, 'invalid-message');
    expectError({ event: 'mark', mark: { name: '' } }, 'invalid-message');
    expectError({ event: 'mark' }, 'invalid-message');
    expectError({ event: 'dtmf', dtmf: { digit: '12' } }, 'invalid-message');
    expectError({ event: 'dtmf', dtmf: { digit: 'E' } }, 'invalid-message');
  });
  it('refuses bad base64 strictly', () => {
    for (const bad of ['!!!!', 'AAA', 'AA=A', 'AB==', '/w', 'AA AA', 'AAAA\n']) {
      expectError({ event: 'media', media: { payload: bad } }, 'invalid-base64');
    }
  });
  it('refuses frames over the size limit without decoding them', () => {
    const huge = JSON.stringify({ event: 'media', media: { payload: 'A'.repeat(70_000) } });
    expect(parseMediaStreamMessage(huge)).toMatchObject({
      ok: false,
      error: { kind: 'frame-too-large' },
    });
    const small = JSON.stringify({ event: 'media', media: { payload: 'AAAA' } });
    expect(parseMediaStreamMessage(small, { maxFrameBytes: 10 })).toMatchObject({
      ok: false,
      error: { kind: 'frame-too-large' },
    });
  });
  it('never puts payload text into the error message', () => {
    const result = parse({ event: 'media', media: { payload: 'secret==x' } });
    if (!result.ok) expect(result.error.message).not.toContain('secret');
  });
});

describe('isStrictBase64', () => {
  it('accepts canonical padded base64 only', () => {
    expect(isStrictBase64('')).toBe(true);
    expect(isStrictBase64('/w==')).toBe(true);
    expect(isStrictBase64('/w')).toBe(false);
    expect(isStrictBase64('/x==')).toBe(false); // non-zero spare bits
    expect(isStrictBase64('-_8=')).toBe(false); // base64url alphabet
  });
});

describe('encode', () => {
  it('encodes media as base64 of the raw bytes, honouring views', () => {
    const backing = new Uint8Array([9, 9, 0xff, 0x7f, 9]);
    const view = backing.subarray(2, 4);
    expect(JSON.parse(encodeMediaMessage('MZ1', view))).toEqual({
      event: 'media',
      streamSid: 'MZ1',
      media: { payload: Buffer.from([0xff, 0x7f]).toString('base64') },
    });
  });
  it('encodes mark and clear', () => {
    expect(JSON.parse(encodeMarkMessage('MZ1', 'u1-c2'))).toEqual({
      event: 'mark',
      streamSid: 'MZ1',
      mark: { name: 'u1-c2' },
    });
    expect(JSON.parse(encodeClearMessage('MZ1'))).toEqual({ event: 'clear', streamSid: 'MZ1' });
  });
  it('round-trips our media through the parser', () => {
    const audio = new Uint8Array(160).map((_, index) => index);
    const result = parse(encodeMediaMessage('MZ1', audio));
    if (!result.ok || result.message.event !== 'media') throw new Error('expected media');
    expect([...result.message.payload]).toEqual([...audio]);
  });
});
