import { z } from 'zod';
import type { AudioFormat } from '../../audio/audio-frame.js';
import type { CallEndReason, CallEvent } from '../../engine/call-events.js';

/** The browser's audio in both directions: 16-bit little-endian mono PCM at 16 kHz. */
export const BROWSER_AUDIO_FORMAT: AudioFormat = Object.freeze({
  encoding: 'linear16',
  sampleRate: 16_000,
});

/** 20 ms of {@link BROWSER_AUDIO_FORMAT}: the frame size the leg hands to the engine. */
export const BROWSER_FRAME_BYTES = 640;
export const BROWSER_FRAME_MS = 20;

/** Largest audio message taken by default (about 2 s); larger ones are refused, not cut. */
export const DEFAULT_MAX_AUDIO_MESSAGE_BYTES = 64 * 1024;
/** Largest text message taken (a typed turn is a few sentences). */
export const MAX_TEXT_MESSAGE_BYTES = 16 * 1024;
/** Longest typed caller turn, in characters. */
export const MAX_CALLER_TEXT_LENGTH = 2000;

/** Close codes of the test-call socket (docs/live-calls.md). */
export const BROWSER_CLOSE_CODES = Object.freeze({
  normal: 1000,
  goingAway: 1001,
  policy: 1008,
  internal: 1011,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  noCapacity: 4429,
});

/** What a browser may send as text. */
export type BrowserClientMessage =
  { readonly type: 'text'; readonly text: string } | { readonly type: 'hangup' };

/** What the server sends as text. Agent audio goes as binary messages, not through here. */
export type BrowserServerMessage =
  | { readonly type: 'call'; readonly callId: string; readonly sampleRate: number }
  | { readonly type: 'event'; readonly event: CallEvent }
  | { readonly type: 'clear' }
  | { readonly type: 'ended'; readonly reason: CallEndReason }
  | { readonly type: 'error'; readonly message: string };

export type BrowserParseErrorKind =
  'too-large' | 'invalid-json' | 'invalid-message' | 'unknown-type' | 'odd-length' | 'empty';

export interface BrowserParseError {
  readonly kind: BrowserParseErrorKind;
  /** Safe to send back to the browser: names the problem, never echoes the input. */
  readonly message: string;
}

export type BrowserParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: BrowserParseError };

const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    text: z
      .string()
      .trim()
      .min(1, 'text must not be empty')
      .max(MAX_CALLER_TEXT_LENGTH, `text must be at most ${MAX_CALLER_TEXT_LENGTH} characters`),
  }),
  z.object({ type: z.literal('hangup') }),
]);

const KNOWN_TYPES = new Set(['text', 'hangup']);
const textDecoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Parse one text message from the browser. Pure: never throws; every refusal is a typed error
 * whose message can be sent back as is.
 */
export function parseBrowserClientMessage(
  data: string | Uint8Array,
): BrowserParseResult<BrowserClientMessage> {
  const byteLength = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
  if (byteLength > MAX_TEXT_MESSAGE_BYTES) {
    return failure(
      'too-large',
      `text message of ${byteLength} bytes exceeds ${MAX_TEXT_MESSAGE_BYTES}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(typeof data === 'string' ? data : textDecoder.decode(data));
  } catch {
    return failure('invalid-json', 'message is not valid JSON');
  }
  const type =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as { type?: unknown }).type
      : undefined;
  if (typeof type !== 'string') return failure('invalid-message', 'message has no string "type"');
  if (!KNOWN_TYPES.has(type)) {
    return failure('unknown-type', 'unknown message type; expected "text" or "hangup"');
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue !== undefined && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return failure('invalid-message', `${type}: ${where}${issue?.message ?? 'invalid'}`);
  }
  return { ok: true, value: parsed.data };
}

/**
 * Check one binary message of microphone audio and cut it into frames of at most 20 ms, the
 * size the engine expects from a carrier. Pure: an odd byte count (not whole 16-bit samples), an
 * empty or an oversized message is refused whole, so a later message never starts mid-sample.
 */
export function splitBrowserAudio(
  bytes: Uint8Array,
  maxBytes: number = DEFAULT_MAX_AUDIO_MESSAGE_BYTES,
): BrowserParseResult<Uint8Array[]> {
  if (bytes.byteLength === 0) return failure('empty', 'audio message is empty');
  if (bytes.byteLength > maxBytes) {
    return failure('too-large', `audio message of ${bytes.byteLength} bytes exceeds ${maxBytes}`);
  }
  if (bytes.byteLength % 2 !== 0) {
    return failure(
      'odd-length',
      `audio message of ${bytes.byteLength} bytes is not whole 16-bit samples`,
    );
  }
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += BROWSER_FRAME_BYTES) {
    frames.push(bytes.subarray(offset, Math.min(offset + BROWSER_FRAME_BYTES, bytes.byteLength)));
  }
  return { ok: true, value: frames };
}

/** One server text message, as JSON. */
export function encodeBrowserServerMessage(message: BrowserServerMessage): string {
  return JSON.stringify(message);
}

function failure(
  kind: BrowserParseErrorKind,
  message: string,
): { ok: false; error: BrowserParseError } {
  return { ok: false, error: { kind, message } };
}
