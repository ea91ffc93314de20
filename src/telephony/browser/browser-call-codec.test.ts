import { describe, expect, it } from 'vitest';
import {
  BROWSER_FRAME_BYTES,
  MAX_CALLER_TEXT_LENGTH,
  MAX_TEXT_MESSAGE_BYTES,
  encodeBrowserServerMessage,
  parseBrowserClientMessage,
  splitBrowserAudio,
} from './browser-call-codec.js';

describe('parseBrowserClientMessage', () => {
  it('reads a typed turn (trimmed) and a hang-up, as text or bytes', () => {
    expect(parseBrowserClientMessage('{"type":"text","text":"  Hello there. "}')).toEqual({
      ok: true,
      value: { type: 'text', text: 'Hello there.' },
    });
    expect(parseBrowserClientMessage(Buffer.from('{"type":"hangup"}'))).toEqual({
      ok: true,
      value: { type: 'hangup' },
    });
  });

  it('drops unknown fields rather than passing them on', () => {
    const parsed = parseBrowserClientMessage('{"type":"hangup","extra":1}');
    expect(parsed).toEqual({ ok: true, value: { type: 'hangup' } });
  });

  it.each([
    ['not json', 'invalid-json'],
    ['[1,2]', 'invalid-message'],
    ['null', 'invalid-message'],
    ['"text"', 'invalid-message'],
    ['{"text":"hi"}', 'invalid-message'],
    ['{"type":7}', 'invalid-message'],
    ['{"type":"dance"}', 'unknown-type'],
    ['{"type":"text"}', 'invalid-message'],
    ['{"type":"text","text":42}', 'invalid-message'],
    ['{"type":"text","text":"   "}', 'invalid-message'],
  ])('refuses %s as %s', (input, kind) => {
    const parsed = parseBrowserClientMessage(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.kind).toBe(kind);
      expect(parsed.error.message.length).toBeGreaterThan(0);
    }
  });

  it('refuses text past its limits without echoing it back', () => {
    const long = parseBrowserClientMessage(
      JSON.stringify({ type: 'text', text: 'a'.repeat(MAX_CALLER_TEXT_LENGTH + 1) }),
    );
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.message).toMatch(/^text: text: .*at most 2000/);
    const huge = parseBrowserClientMessage(
      JSON.stringify({ type: 'text', text: 'b'.repeat(MAX_TEXT_MESSAGE_BYTES) }),
    );
    expect(huge.ok).toBe(false);
    if (!huge.ok) {
      expect(huge.error.kind).toBe('too-large');
      expect(huge.error.message).not.toContain('bbbb');
    }
  });

  it('survives invalid UTF-8', () => {
    const parsed = parseBrowserClientMessage(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(parsed.ok).toBe(false);
  });
});

describe('splitBrowserAudio', () => {
  it('cuts a message into 20 ms frames, the last one shorter', () => {
    const bytes = new Uint8Array(2 * BROWSER_FRAME_BYTES + 220).map((_, index) => index % 251);
    const split = splitBrowserAudio(bytes);
    expect(split.ok).toBe(true);
    if (!split.ok) return;
    expect(split.value.map((frame) => frame.byteLength)).toEqual([640, 640, 220]);
    expect(Buffer.concat(split.value)).toEqual(Buffer.from(bytes));
  });

  it('refuses odd, empty and oversized messages whole', () => {
    const odd = splitBrowserAudio(new Uint8Array(641));
    expect(odd.ok === false && odd.error.kind).toBe('odd-length');
    const empty = splitBrowserAudio(new Uint8Array(0));
    expect(empty.ok === false && empty.error.kind).toBe('empty');
    const large = splitBrowserAudio(new Uint8Array(2048), 1024);
    expect(large.ok === false && large.error.kind).toBe('too-large');
  });
});

describe('encodeBrowserServerMessage', () => {
  it('writes each server message as one JSON object', () => {
    expect(JSON.parse(encodeBrowserServerMessage({ type: 'clear' }))).toEqual({ type: 'clear' });
    expect(
      JSON.parse(encodeBrowserServerMessage({ type: 'call', callId: 'c1', sampleRate: 16000 })),
    ).toEqual({ type: 'call', callId: 'c1', sampleRate: 16000 });
    expect(
      JSON.parse(encodeBrowserServerMessage({ type: 'ended', reason: 'caller-hangup' })),
    ).toEqual({ type: 'ended', reason: 'caller-hangup' });
  });
});
