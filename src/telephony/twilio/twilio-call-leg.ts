import { MULAW_8K, type AudioFormat } from '../../audio/audio-frame.js';
import { CallLegListeners } from '../shared/call-leg-listeners.js';
import type { CallLegEvents, CallLegV1, LegEndReason } from '../../engine/call-leg.js';
import { SwitchboardError } from '../../errors/index.js';
import type { Logger } from '../../logging/logger.js';
import { encodeClearMessage, encodeMarkMessage, encodeMediaMessage } from './media-stream-codec.js';
import type { MediaStreamFormat } from './media-stream-types.js';

export type TwilioCarrier = 'twilio' | 'signalwire';

/** What the carrier told us in `start`: handed to the engine with the leg. */
export interface StreamStartInfo {
  readonly carrier: TwilioCarrier;
  readonly streamSid: string;
  readonly callSid: string;
  readonly accountSid: string;
  /** Our `<Parameter>`s back (callSid, from, to and whatever routing added). */
  readonly customParameters: Readonly<Record<string, string>>;
  readonly mediaFormat: MediaStreamFormat;
  readonly tracks: readonly string[];
}

/** The carrier operations a leg needs (a TwilioRestClient has them). */
export interface TwilioCallControl {
  hangup(callSid: string): Promise<void>;
  transfer(callSid: string, destination: string): Promise<void>;
}

/** A CallLegV1 over a Twilio/SignalWire media stream, plus mark bookkeeping the engine may read. */
export interface TwilioCallLeg extends CallLegV1 {
  readonly streamSid: string;
  readonly startInfo: StreamStartInfo;
  /** Marks sent and not yet echoed. */
  readonly outstandingMarks: number;
  /** A `clear` was sent and marks outstanding at that moment are still to echo (as dropped). */
  readonly clearInFlight: boolean;
  /** `end` has been emitted. */
  readonly ended: boolean;
}

/** How the transport feeds carrier events into a leg. */
export interface TwilioCallLegSink {
  audio(audio: Uint8Array): void;
  dtmf(digit: string): void;
  mark(name: string): void;
  /** Emit `end` once; later calls do nothing. */
  end(reason: LegEndReason): void;
}

export interface TwilioCallLegOptions {
  readonly startInfo: StreamStartInfo;
  /** Send one text frame; false when the socket is no longer open. */
  readonly send: (text: string) => boolean;
  readonly closeSocket: (code: number, reason: string) => void;
  readonly callControl: TwilioCallControl | undefined;
  readonly logger: Logger;
}

/** Create the leg for a started stream, and the sink its transport feeds. */
export function createTwilioCallLeg(options: TwilioCallLegOptions): {
  leg: TwilioCallLeg;
  sink: TwilioCallLegSink;
} {
  const leg = new MediaStreamCallLeg(options);
  return { leg, sink: leg.sink };
}

class MediaStreamCallLeg implements TwilioCallLeg {
  readonly carrier: string;
  readonly carrierCallId: string;
  readonly streamSid: string;
  readonly startInfo: StreamStartInfo;
  readonly inboundFormat: AudioFormat = MULAW_8K;
  readonly outboundFormat: AudioFormat = MULAW_8K;
  readonly supportsMarks = true;
  readonly sink: TwilioCallLegSink;

  readonly #options: TwilioCallLegOptions;
  readonly #listeners: CallLegListeners;
  /** Names of marks sent and not echoed, oldest first (Twilio echoes in order). */
  readonly #outstandingMarks: string[] = [];
  #marksAwaitingClear = 0;
  #ended = false;
  /** The carrier ended the stream or we hung up/transferred: no call left to act on. */
  #callGone = false;
  #pendingControl: Promise<void> | undefined;

  constructor(options: TwilioCallLegOptions) {
    this.#options = options;
    this.#listeners = new CallLegListeners(options.logger);
    this.startInfo = options.startInfo;
    this.carrier = options.startInfo.carrier;
    this.carrierCallId = options.startInfo.callSid;
    this.streamSid = options.startInfo.streamSid;
    this.sink = {
      audio: (audio) => this.#emit('audio', audio),
      dtmf: (digit) => this.#emit('dtmf', digit),
      mark: (name) => this.#onMarkEcho(name),
      end: (reason) => this.#finish(reason),
    };
  }

  get outstandingMarks(): number {
    return this.#outstandingMarks.length;
  }

  get clearInFlight(): boolean {
    return this.#marksAwaitingClear > 0;
  }

  get ended(): boolean {
    return this.#ended;
  }

  on<E extends keyof CallLegEvents>(event: E, listener: CallLegEvents[E]): void {
    this.#listeners.add(event, listener);
  }

  sendAudio(audio: Uint8Array): void {
    if (this.#ended || audio.byteLength === 0) return;
    this.#options.send(encodeMediaMessage(this.streamSid, audio));
  }

  sendMark(name: string): void {
    if (this.#ended) return;
    if (this.#options.send(encodeMarkMessage(this.streamSid, name)))
      this.#outstandingMarks.push(name);
  }

  clearAudio(): void {
    if (this.#ended) return;
    // Twilio answers a clear by echoing every mark still outstanding, before any later mark.
    if (this.#options.send(encodeClearMessage(this.streamSid))) {
      this.#marksAwaitingClear = this.#outstandingMarks.length;
    }
  }

  /**
   * Hang up through REST. If REST fails, close the stream anyway (with nothing after </Connect>
   * that ends the call too) and reject with the REST error so the engine can log it.
   */
  hangup(): Promise<void> {
    return this.#control('agent-hangup', (control) => control.hangup(this.carrierCallId)).catch(
      (error: unknown) => {
        this.#options.logger.warn({ err: error }, 'rest hangup failed, closing media stream');
        this.close();
        throw error;
      },
    );
  }

  transfer(destination: string): Promise<void> {
    return this.#control('transferred', (control) =>
      control.transfer(this.carrierCallId, destination),
    );
  }

  close(): void {
    if (this.#ended) return;
    // With nothing after </Connect> in our TwiML, closing the stream ends the call.
    this.#finish('agent-hangup');
    this.#options.closeSocket(1000, 'closed by engine');
  }

  #control(
    reason: 'agent-hangup' | 'transferred',
    operation: (control: TwilioCallControl) => Promise<void>,
  ): Promise<void> {
    if (this.#callGone) return Promise.resolve();
    if (this.#pendingControl) return this.#pendingControl;
    const control = this.#options.callControl;
    if (!control) {
      this.#options.logger.warn('call control unavailable for this stream');
      return Promise.reject(
        new SwitchboardError(`${this.carrier}: no REST credentials to control this call`, {
          code: 'call_control_unavailable',
        }),
      );
    }
    const pending = operation(control).then(
      () => {
        this.#callGone = true;
        this.#finish(reason);
      },
      (error: unknown) => {
        this.#pendingControl = undefined;
        throw error;
      },
    );
    this.#pendingControl = pending;
    return pending;
  }

  #onMarkEcho(name: string): void {
    const index = this.#outstandingMarks.indexOf(name);
    if (index >= 0) this.#outstandingMarks.splice(index, 1);
    else this.#options.logger.debug({ mark: name }, 'unexpected mark echo');
    if (this.#marksAwaitingClear > 0) this.#marksAwaitingClear -= 1;
    this.#emit('mark', name);
  }

  #finish(reason: LegEndReason): void {
    if (reason === 'carrier-stop') this.#callGone = true;
    if (this.#ended) return;
    // Set first: an `end` listener that calls close() must not see a second `end`.
    this.#ended = true;
    this.#listeners.dispatch('end', reason);
  }

  #emit<E extends keyof CallLegEvents>(event: E, ...values: Parameters<CallLegEvents[E]>): void {
    if (!this.#ended) this.#listeners.dispatch(event, ...values);
  }
}
