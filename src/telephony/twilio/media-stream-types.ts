/**
 * Messages of Twilio's bidirectional Media Streams protocol (and SignalWire's copy of it), as the
 * codec hands them to the transport. Wire quirks (string numbers, missing top-level `streamSid`,
 * `stop` without a body) are already smoothed out here.
 */

/** `start.mediaFormat` as the carrier announced it. */
export interface MediaStreamFormat {
  /** `audio/x-mulaw` (Twilio, SignalWire PCMU) or `audio/x-L16` (SignalWire L16). */
  readonly encoding: string;
  readonly sampleRate: number;
  readonly channels: number;
}

/** First frame; carries nothing we need beyond the protocol version. */
export interface ConnectedMessage {
  readonly event: 'connected';
  readonly protocol: string | undefined;
  /** Twilio sends `1.0.0`, SignalWire `0.2.0`. */
  readonly version: string | undefined;
}

export interface StartMessage {
  readonly event: 'start';
  readonly sequenceNumber: number | undefined;
  /** Top-level `streamSid`, or `start.streamSid` when the carrier omits it (SignalWire). */
  readonly streamSid: string;
  readonly accountSid: string;
  readonly callSid: string;
  readonly tracks: readonly string[];
  /** `<Parameter>` children of the `<Stream>` noun. */
  readonly customParameters: Readonly<Record<string, string>>;
  readonly mediaFormat: MediaStreamFormat;
}

export interface MediaMessage {
  readonly event: 'media';
  readonly sequenceNumber: number | undefined;
  readonly streamSid: string | undefined;
  /** `inbound` or `outbound`; `inbound` when the carrier leaves it out. */
  readonly track: string;
  /** Per-track counter from 1, when sent. */
  readonly chunk: number | undefined;
  /** Ms since the stream started, when sent. */
  readonly timestampMs: number | undefined;
  /** Decoded audio bytes in the stream's media format (no headers). */
  readonly payload: Uint8Array;
}

/** Echo of a mark we sent: everything queued before it has played (or was cleared). */
export interface MarkMessage {
  readonly event: 'mark';
  readonly sequenceNumber: number | undefined;
  readonly streamSid: string | undefined;
  readonly name: string;
}

export interface DtmfMessage {
  readonly event: 'dtmf';
  readonly sequenceNumber: number | undefined;
  readonly streamSid: string | undefined;
  /** 0-9, *, #, A-D (upper case). */
  readonly digit: string;
  /** Twilio: `inbound_track`; SignalWire sends none. */
  readonly track: string | undefined;
  /** SignalWire only: key press length in ms. */
  readonly durationMs: number | undefined;
}

export interface StopMessage {
  readonly event: 'stop';
  readonly sequenceNumber: number | undefined;
  readonly streamSid: string | undefined;
  /** Twilio sends `stop.accountSid` / `stop.callSid`; SignalWire sends no `stop` object. */
  readonly accountSid: string | undefined;
  readonly callSid: string | undefined;
}

/** Every message the carrier may send us. */
export type InboundMediaStreamMessage =
  ConnectedMessage | StartMessage | MediaMessage | MarkMessage | DtmfMessage | StopMessage;

export type MediaStreamParseErrorKind =
  /** The frame is larger than the configured limit; it was not decoded. */
  | 'frame-too-large'
  | 'invalid-json'
  /** Valid JSON, but not an object with a string `event`. */
  | 'not-an-object'
  | 'unknown-event'
  /** A known event with missing or mistyped fields. */
  | 'invalid-message'
  /** `media.payload` is not strict, padded base64. */
  | 'invalid-base64';

/** Why a frame was refused. Never thrown: the codec returns it. */
export interface MediaStreamParseError {
  readonly kind: MediaStreamParseErrorKind;
  /** Fixed-shape description, safe to log (contains no payload). */
  readonly message: string;
  /** The `event` field when it could be read. */
  readonly event: string | undefined;
}

export type MediaStreamParseResult =
  | { readonly ok: true; readonly message: InboundMediaStreamMessage }
  | { readonly ok: false; readonly error: MediaStreamParseError };
