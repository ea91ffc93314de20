import type { AudioFormat } from '../../audio/audio-frame.js';
import { CallLegListeners } from '../shared/call-leg-listeners.js';
import type { CallLegEvents, CallLegV1, LegEndReason } from '../../engine/call-leg.js';
import { SwitchboardError } from '../../errors/index.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import { BROWSER_AUDIO_FORMAT, encodeBrowserServerMessage } from './browser-call-codec.js';

/** A CallLegV1 over a browser socket; `ended` tells whether `end` has been emitted. */
export interface BrowserCallLeg extends CallLegV1 {
  readonly ended: boolean;
}

/** How the transport feeds what the browser sent into a leg. */
export interface BrowserCallLegSink {
  /** One frame of microphone audio (or of silence in text mode), 16 kHz PCM16. */
  audio(audio: Uint8Array): void;
  /** Emit `end` once; later calls do nothing. */
  end(reason: LegEndReason): void;
}

export interface BrowserCallLegOptions {
  /** Our id for this browser connection, e.g. `browser-<uuid>`. */
  readonly carrierCallId: string;
  /** Send one binary message of agent audio; false when it was not sent. */
  readonly sendAudio: (audio: Uint8Array) => boolean;
  /** Send one text message; false when it was not sent. */
  readonly sendText: (text: string) => boolean;
  /**
   * The engine is done with the leg (hung up or closed). The socket stays open so the call's end
   * can still be told to the browser; the transport decides when to close it.
   */
  readonly onClose?: () => void;
  readonly logger?: Logger;
}

/** Create the leg of a browser test call and the sink its transport feeds. */
export function createBrowserCallLeg(options: BrowserCallLegOptions): {
  leg: BrowserCallLeg;
  sink: BrowserCallLegSink;
} {
  const leg = new SocketCallLeg(options);
  return { leg, sink: leg.sink };
}

/**
 * The browser plays what it receives and reports nothing back, so the leg does not support marks:
 * the engine paces agent audio in real time and, without marks, counts what the caller heard by
 * its clock. Echoing marks from here when a frame is sent would claim a playout the leg never
 * observed and tell the engine nothing its clock does not already know.
 */
class SocketCallLeg implements BrowserCallLeg {
  readonly carrier = 'browser';
  readonly carrierCallId: string;
  readonly inboundFormat: AudioFormat = BROWSER_AUDIO_FORMAT;
  readonly outboundFormat: AudioFormat = BROWSER_AUDIO_FORMAT;
  readonly supportsMarks = false;
  readonly sink: BrowserCallLegSink;

  readonly #options: BrowserCallLegOptions;
  readonly #logger: Logger;
  readonly #listeners: CallLegListeners;
  #ended = false;
  #closeNotified = false;

  constructor(options: BrowserCallLegOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#listeners = new CallLegListeners(this.#logger);
    this.carrierCallId = options.carrierCallId;
    this.sink = {
      audio: (audio) => {
        if (!this.#ended) this.#listeners.dispatch('audio', audio);
      },
      end: (reason) => this.#finish(reason),
    };
  }

  get ended(): boolean {
    return this.#ended;
  }

  on<E extends keyof CallLegEvents>(event: E, listener: CallLegEvents[E]): void {
    this.#listeners.add(event, listener);
  }

  sendAudio(audio: Uint8Array): void {
    if (this.#ended || audio.byteLength === 0) return;
    this.#options.sendAudio(audio);
  }

  sendMark(_name: string): void {
    // supportsMarks is false: the engine never asks, and there is nothing to echo.
  }

  clearAudio(): void {
    if (this.#ended) return;
    this.#options.sendText(encodeBrowserServerMessage({ type: 'clear' }));
  }

  hangup(): Promise<void> {
    this.#finish('agent-hangup');
    this.#notifyClose();
    return Promise.resolve();
  }

  transfer(_destination: string): Promise<void> {
    this.#logger.warn('transfer refused: a browser test call has no phone line to hand over');
    return Promise.reject(
      new SwitchboardError('browser: a test call cannot be transferred to another number', {
        code: 'transfer_unsupported',
      }),
    );
  }

  close(): void {
    // Closing the connection ends a browser call, as closing the media stream ends a phone call.
    this.#finish('agent-hangup');
    this.#notifyClose();
  }

  #notifyClose(): void {
    if (this.#closeNotified) return;
    this.#closeNotified = true;
    this.#options.onClose?.();
  }

  #finish(reason: LegEndReason): void {
    if (this.#ended) return;
    // Set first: an `end` listener that calls close() must not see a second `end`.
    this.#ended = true;
    this.#listeners.dispatch('end', reason);
  }
}
