import type { AudioFormat } from '../audio/audio-frame.js';

/** Why a leg ended, as the carrier or our own side reports it. */
export type LegEndReason =
  'caller-hangup' | 'agent-hangup' | 'transferred' | 'carrier-stop' | 'connection-lost' | 'error';

/** Events a call leg delivers to the engine. */
export interface CallLegEvents {
  /** One inbound frame in the leg's `inboundFormat` (Twilio: 20 ms of μ-law). */
  audio: (audio: Uint8Array) => void;
  /** A DTMF key the caller pressed: 0-9, *, #, A-D. */
  dtmf: (digit: string) => void;
  /** The carrier says everything sent before mark `name` has played. */
  mark: (name: string) => void;
  /** The leg is gone; no more events follow. */
  end: (reason: LegEndReason) => void;
}

/**
 * The engine's view of one phone call, whatever carrier carries it. A telephony adapter implements
 * this; the engine never imports a carrier. Methods never throw for a closed leg: they do nothing.
 */
export interface CallLegV1 {
  /** Carrier name, e.g. `twilio` or `signalwire`. */
  readonly carrier: string;
  /** The carrier's id for the call (Twilio CallSid). */
  readonly carrierCallId: string;
  readonly inboundFormat: AudioFormat;
  readonly outboundFormat: AudioFormat;
  /** Does `mark` get echoed back? (Twilio bidirectional streams: yes.) */
  readonly supportsMarks: boolean;

  on<E extends keyof CallLegEvents>(event: E, listener: CallLegEvents[E]): void;

  /** Queue audio in `outboundFormat` for playback; the engine paces it in real time. */
  sendAudio(audio: Uint8Array): void;
  /** Ask to be told (`mark` event) once everything sent so far has played. */
  sendMark(name: string): void;
  /** Drop whatever the carrier buffered and not yet played (barge-in). */
  clearAudio(): void;
  /** Hang up through the carrier. Resolves once the carrier accepted it. */
  hangup(): Promise<void>;
  /** Hand the caller to `destination` (E.164 number or SIP URI) through the carrier. */
  transfer(destination: string): Promise<void>;
  /** Close our side of the media connection without touching the call. */
  close(): void;
}
