import type { z } from 'zod';
import { MULAW_8K, type AudioFormat } from '../../audio/audio-frame.js';
import {
  connectedSchema,
  dtmfSchema,
  markSchema,
  mediaSchema,
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
      return decodeMedia(json);
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

function decodeMedia(json: unknown): MediaStreamParseResult {
  const parsed = mediaSchema.safeParse(json);
  if (!parsed.success) return invalid(parsed.error, 'media');
  const { media } = parsed.data;
  if (!isStrictBase64(media.payload)) {
    return failure('invalid-base64', 'media.payload is not strict base64', 'media');
  }
  return {
    ok: true,
    message: {
      event: 'media',
      sequenceNumber: parsed.data.sequenceNumber,
      streamSid: parsed.data.streamSid,
      track: media.track ?? 'inbound',
      chunk: media.chunk,
      timestampMs: media.timestamp,
      payload: Buffer.from(media.payload, 'base64'),
    },
  };
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
  return JSON.stringify({ event: 'media', streamSid, media: { payload } });
}

/** A `mark` message; the carrier echoes it once all audio sent before it has played. */
export function encodeMarkMessage(streamSid: string, name: string): string {
  return JSON.stringify({ event: 'mark', streamSid, mark: { name } });
}

/** A `clear` message: drop buffered audio; the carrier then echoes every outstanding mark. */
export function encodeClearMessage(streamSid: string): string {
  return JSON.stringify({ event: 'clear', streamSid });
}
