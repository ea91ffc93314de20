import type { z } from 'zod';
import { MULAW_8K, type AudioFormat } from '../../audio/audio-frame.js';
import {
  connectedSchema,
  dtmfSchema,
  markSchema,
  startSchema,
  stopSchema,
} from './media-stream-schemas.js';
import type {
  InboundMediaStreamMessage,
  MediaStreamFormat,
  MediaStreamParseError,
  MediaStreamParseErrorKind,
  MediaStreamParseResult,
} from './media-stream-types.js';

/** Largest frame we decode by default. Twilio media frames are about 300 bytes. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

export interface ParseMediaStreamOptions {
  /** Frames above this many bytes are refused undecoded (default 64 KB). */
  readonly maxFrameBytes?: number;
}

const textDecoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Parse one inbound Media Streams text frame (Twilio or SignalWire shape). Pure: never throws,
 * every refusal comes back as a typed error.
 */
export function parseMediaStreamMessage(
  data: string | Uint8Array,
  options: ParseMediaStreamOptions = {},
): MediaStreamParseResult {
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const byteLength = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
  if (byteLength > maxFrameBytes) {
    return failure('frame-too-large', `frame of ${byteLength} bytes exceeds ${maxFrameBytes}`);
  }
  const text = typeof data === 'string' ? data : textDecoder.decode(data);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return failure('invalid-json', 'frame is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return failure('not-an-object', 'frame is not a JSON object');
  }
  const event = (json as { event?: unknown }).event;
  if (typeof event !== 'string') return failure('not-an-object', 'frame has no string "event"');
  switch (event) {
    case 'connected':
      return decode(connectedSchema, json, event, (message) => ({
        event: 'connected',
        protocol: message.protocol,
        version: message.version,
      }));
    case 'start':
      return decode(startSchema, json, event, (message) => ({
        event: 'start',
        sequenceNumber: message.sequenceNumber,
        // The refine in startSchema guarantees one of the two is present.
        streamSid: message.streamSid ?? message.start.streamSid ?? '',
        accountSid: message.start.accountSid,
        callSid: message.start.callSid,
        tracks: message.start.tracks ?? [],
        customParameters: message.start.customParameters ?? {},
        mediaFormat: message.start.mediaFormat,
      }));
    case 'media':
      return decodeMedia(json as object);
    case 'mark':
      return decode(markSchema, json, event, (message) => ({
        event: 'mark',
        sequenceNumber: message.sequenceNumber,
        streamSid: message.streamSid,
        name: message.mark.name,
      }));
    case 'dtmf':
      return decode(dtmfSchema, json, event, (message) => ({
        event: 'dtmf',
        sequenceNumber: message.sequenceNumber,
        streamSid: message.streamSid,
        digit: message.dtmf.digit.toUpperCase(),
        track: message.dtmf.track,
        durationMs: message.dtmf.duration,
      }));
    case 'stop':
      return decode(stopSchema, json, event, (message) => ({
        event: 'stop',
        sequenceNumber: message.sequenceNumber,
        streamSid: message.streamSid,
        accountSid: message.stop?.accountSid,
        callSid: message.stop?.callSid,
      }));
    default:
      return failure('unknown-event', 'unknown event', event.slice(0, 40));
  }
}

/**
 * `media` arrives 50 times a second per call, so it is checked by hand rather than through zod;
 * the rules are the same as `mediaSchema`'s.
 */
function decodeMedia(json: object): MediaStreamParseResult {
  const frame = json as { sequenceNumber?: unknown; streamSid?: unknown; media?: unknown };
  const media = frame.media;
  if (typeof media !== 'object' || media === null) {
    return failure('invalid-message', 'media: expected an object', 'media');
  }
  const { payload, track, chunk, timestamp } = media as Record<string, unknown>;
  if (typeof payload !== 'string') {
    return failure('invalid-message', 'media.payload: expected a string', 'media');
  }
  if (track !== undefined && typeof track !== 'string') {
    return failure('invalid-message', 'media.track: expected a string', 'media');
  }
  const sequenceNumber = readCounter(frame.sequenceNumber);
  const chunkNumber = readCounter(chunk);
  const timestampMs = readCounter(timestamp);
  if (sequenceNumber === null || chunkNumber === null || timestampMs === null) {
    return failure('invalid-message', 'media: counters must be decimal numbers', 'media');
  }
  const streamSid = frame.streamSid;
  if (
    streamSid !== undefined &&
    (typeof streamSid !== 'string' || streamSid.length === 0 || streamSid.length > 256)
  ) {
    return failure('invalid-message', 'streamSid: expected a non-empty string', 'media');
  }
  const bytes = decodeStrictBase64(payload);
  if (bytes === undefined) {
    return failure('invalid-base64', 'media.payload is not strict base64', 'media');
  }
  return {
    ok: true,
    message: {
      event: 'media',
      sequenceNumber,
      streamSid,
      track: track ?? 'inbound',
      chunk: chunkNumber,
      timestampMs,
      payload: bytes,
    },
  };
}

const COUNTER_PATTERN = /^\d{1,15}$/;

/** A counter as a decimal string (Twilio) or a number; undefined when absent, null when invalid. */
function readCounter(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return COUNTER_PATTERN.test(value) ? Number(value) : null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  return null;
}

const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Decodes canonical, padded base64, or returns undefined. One decode instead of the round trip of
 * `isStrictBase64`: the alphabet and length are checked up front, and the decoded length proves
 * no character was skipped.
 */
function decodeStrictBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !BASE64_PATTERN.test(text)) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (padding > 0) {
    // Canonical encoders zero the spare bits of the last character before the padding.
    const last = BASE64_ALPHABET.indexOf(text.charAt(text.length - padding - 1));
    if ((last & (padding === 2 ? 0b1111 : 0b11)) !== 0) return undefined;
  }
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === (text.length / 4) * 3 - padding ? bytes : undefined;
}

/**
 * Canonical, padded base64 only: decoding drops stray characters and re-encoding adds padding and
 * zeroes spare bits, so a payload that survives the round trip unchanged is strictly valid.
 */
export function isStrictBase64(text: string): boolean {
  if (text.length % 4 !== 0) return false;
  return Buffer.from(text, 'base64').toString('base64') === text;
}

function decode<S extends z.ZodType>(
  schema: S,
  json: unknown,
  event: string,
  build: (message: z.output<S>) => InboundMediaStreamMessage,
): MediaStreamParseResult {
  const parsed = schema.safeParse(json);
  if (!parsed.success) return invalid(parsed.error, event);
  return { ok: true, message: build(parsed.data) };
}

function invalid(error: z.ZodError, event: string): MediaStreamParseResult {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : event;
  return failure('invalid-message', `${where}: ${issue?.message ?? 'invalid'}`, event);
}

function failure(
  kind: MediaStreamParseErrorKind,
  message: string,
  event?: string,
): { ok: false; error: MediaStreamParseError } {
  return { ok: false, error: { kind, message, event } };
}

/** The internal format for a carrier media format, or undefined when we cannot handle it yet. */
export function toSupportedAudioFormat(format: MediaStreamFormat): AudioFormat | undefined {
  const supported =
    format.encoding.toLowerCase() === 'audio/x-mulaw' &&
    format.sampleRate === 8000 &&
    format.channels === 1;
  return supported ? MULAW_8K : undefined;
}

/** `audio/x-L16@16000x1`, for log lines and close reasons. */
export function describeMediaFormat(format: MediaStreamFormat): string {
  return `${format.encoding.slice(0, 40)}@${format.sampleRate}x${format.channels}`;
}

/** A `media` message carrying `audio` (raw μ-law bytes, no headers) for playback. */
export function encodeMediaMessage(streamSid: string, audio: Uint8Array): string {
  const payload = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength).toString('base64');
  // Sent 50 times a second per call: a template beats JSON.stringify, and base64 needs no escaping.
  return `{"event":"media","streamSid":${JSON.stringify(streamSid)},"media":{"payload":"${payload}"}}`;
}

/** A `mark` message; the carrier echoes it once all audio sent before it has played. */
export function encodeMarkMessage(streamSid: string, name: string): string {
  return JSON.stringify({ event: 'mark', streamSid, mark: { name } });
}

/** A `clear` message: drop buffered audio; the carrier then echoes every outstanding mark. */
export function encodeClearMessage(streamSid: string): string {
  return JSON.stringify({ event: 'clear', streamSid });
}
