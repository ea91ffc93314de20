import { bytesPerSample } from '../audio/audio-frame.js';
import type { CallLegV1 } from './call-leg.js';
import type { Clock, TimerHandle } from './clock.js';
import type { PlayoutStats } from './playout-stats.js';
import type { PlayoutTicker, TickTarget } from './playout-ticker.js';

/** How far ahead of its slot a frame may be sent. */
const LEAD_MS = 20;

export interface OutboundPlayerEvents {
  /** The first frame of `speechId` went to the carrier (latency measurement point). */
  onFirstFrame(speechId: number, at: number): void;
  /** Everything of `speechId` has played to the caller (mark echoed, or by the clock). */
  onPlayed(speechId: number): void;
}

interface SpeechAudio {
  readonly id: number;
  readonly frames: Uint8Array[];
  /** Bytes that do not yet fill a frame. */
  remainder: Uint8Array | undefined;
  ended: boolean;
  sentFrames: number;
  /** Last frame index the carrier confirmed as played, and when. */
  ackFrames: number;
  ackAt: number;
  firstSent: boolean;
  /** When the previous frame went out; undefined at the start and after a pause. */
  lastSentAt: number | undefined;
}

/**
 * Paces one call's agent audio to the caller in real time, one frame per tick, so that the
 * carrier's buffer stays small: a barge-in then silences the agent at once, and we always know
 * what the caller has heard. Frames stay in memory until the utterance ends so a false
 * interruption can resume from where the caller stopped hearing.
 */
export class OutboundPlayer implements TickTarget {
  readonly #leg: CallLegV1;
  readonly #clock: Clock;
  readonly #ticker: PlayoutTicker;
  readonly #events: OutboundPlayerEvents;
  readonly #frameBytes: number;
  readonly #frameMs: number;
  readonly #markEvery: number;
  readonly #silenceByte: number;
  readonly #stats: PlayoutStats | undefined;
  readonly #onSentAudio: ((frame: Uint8Array) => void) | undefined;
  #speech: SpeechAudio | undefined;
  #nextDueAt = 0;
  #paused = false;
  #registered = false;
  #doneTimer: TimerHandle | undefined;
  /** Marks sent for the current speech and not yet echoed, by name → frame count they cover. */
  readonly #pendingMarks = new Map<string, { speechId: number; frames: number }>();

  constructor(options: {
    leg: CallLegV1;
    clock: Clock;
    ticker: PlayoutTicker;
    events: OutboundPlayerEvents;
    frameMs?: number;
    markEveryFrames?: number;
    /** Sees every frame as it is sent (recordings). */
    onSentAudio?: (frame: Uint8Array) => void;
  }) {
    this.#onSentAudio = options.onSentAudio;
    this.#stats = options.ticker.stats;
    this.#leg = options.leg;
    this.#clock = options.clock;
    this.#ticker = options.ticker;
    this.#events = options.events;
    this.#frameMs = options.frameMs ?? 20;
    const format = options.leg.outboundFormat;
    this.#frameBytes = (format.sampleRate * this.#frameMs * bytesPerSample(format.encoding)) / 1000;
    this.#markEvery = options.markEveryFrames ?? 10;
    this.#silenceByte = format.encoding === 'mulaw' ? 0xff : format.encoding === 'alaw' ? 0xd5 : 0;
    options.leg.on('mark', (name) => this.#onMark(name));
  }

  /** Id of the utterance being played, if any. */
  get currentSpeechId(): number | undefined {
    return this.#speech?.id;
  }

  /** Audio is queued or not yet confirmed played. */
  get active(): boolean {
    return this.#speech !== undefined;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Starts a new utterance, dropping any previous one. */
  begin(speechId: number): void {
    this.stop();
    this.#speech = {
      id: speechId,
      frames: [],
      remainder: undefined,
      ended: false,
      sentFrames: 0,
      ackFrames: 0,
      ackAt: this.#clock.now(),
      firstSent: false,
      lastSentAt: undefined,
    };
  }

  /** Queues audio (in the leg's outbound format) for the current utterance. */
  enqueue(speechId: number, audio: Uint8Array): void {
    const speech = this.#speech;
    if (speech === undefined || speech.id !== speechId || speech.ended) return;
    let bytes = audio;
    if (speech.remainder !== undefined) {
      bytes = new Uint8Array(speech.remainder.length + audio.length);
      bytes.set(speech.remainder);
      bytes.set(audio, speech.remainder.length);
      speech.remainder = undefined;
    }
    let offset = 0;
    for (; offset + this.#frameBytes <= bytes.length; offset += this.#frameBytes) {
      speech.frames.push(bytes.subarray(offset, offset + this.#frameBytes));
    }
    if (offset < bytes.length) speech.remainder = bytes.slice(offset);
    this.#startSending();
  }

  /** No more audio for this utterance: the last partial frame is padded with silence. */
  end(speechId: number): void {
    const speech = this.#speech;
    if (speech === undefined || speech.id !== speechId || speech.ended) return;
    if (speech.remainder !== undefined) {
      const frame = new Uint8Array(this.#frameBytes).fill(this.#silenceByte);
      frame.set(speech.remainder);
      speech.frames.push(frame);
      speech.remainder = undefined;
    }
    speech.ended = true;
    this.#startSending();
    this.#checkDone();
  }

  /** Ms of the current utterance the caller has heard. */
  heardMs(): number {
    return this.#heardFrames() * this.#frameMs;
  }

  /** Ms of audio queued so far for the current utterance. */
  queuedMs(): number {
    const speech = this.#speech;
    return speech === undefined ? 0 : speech.frames.length * this.#frameMs;
  }

  /** Stop sending and drop what the carrier buffered; the utterance can still resume. */
  pause(): void {
    const speech = this.#speech;
    if (speech === undefined || this.#paused) return;
    const heard = this.#heardFrames();
    this.#paused = true;
    this.#unregister();
    this.#leg.clearAudio();
    this.#pendingMarks.clear();
    this.#clock.clearTimeout(this.#doneTimer);
    speech.sentFrames = heard;
    speech.ackFrames = heard;
    speech.lastSentAt = undefined;
  }

  /** Continue a paused utterance from what the caller last heard. */
  resume(): void {
    const speech = this.#speech;
    if (!this.#paused || speech === undefined) return;
    this.#paused = false;
    speech.ackAt = this.#clock.now();
    this.#nextDueAt = this.#clock.now();
    this.#startSending();
    this.#checkDone();
  }

  /** Drop the utterance: the carrier's buffer is cleared, nothing more is sent. */
  stop(): void {
    const speech = this.#speech;
    if (speech === undefined) return;
    if (!this.#paused && speech.sentFrames > 0) this.#leg.clearAudio();
    this.#speech = undefined;
    this.#paused = false;
    this.#pendingMarks.clear();
    this.#clock.clearTimeout(this.#doneTimer);
    this.#unregister();
  }

  tick(now: number): void {
    const speech = this.#speech;
    if (speech === undefined || this.#paused) {
      this.#unregister();
      return;
    }
    // Frames go out up to LEAD_MS ahead of their slot: a tick that fires late by less than that
    // still sends a single frame (no catch-up burst), and the carrier never holds more than a
    // frame, so a barge-in `clear` still silences the agent at once.
    const horizon = now + LEAD_MS;
    while (this.#nextDueAt <= horizon && speech.sentFrames < speech.frames.length) {
      this.#sendFrame(speech, now);
    }
    if (speech.sentFrames >= speech.frames.length) {
      this.#unregister();
      this.#checkDone();
    }
  }

  #startSending(): void {
    const speech = this.#speech;
    if (speech === undefined || this.#paused || this.#registered) return;
    if (speech.sentFrames >= speech.frames.length) return;
    const now = this.#clock.now();
    // Idle line: the first frame goes out now rather than at the next tick (first-byte latency).
    // Its slot is placed LEAD_MS ahead, like every later frame's, so the second frame follows a
    // full period after it instead of at whatever phase the shared ticker happens to be.
    if (this.#nextDueAt < now) this.#nextDueAt = now + LEAD_MS;
    // After the queue ran dry (synthesis slower than real time) the gap is the provider's, not
    // our pacing's: start measuring again from this frame.
    speech.lastSentAt = undefined;
    this.#registered = true;
    this.#ticker.add(this);
    this.tick(now);
  }

  #sendFrame(speech: SpeechAudio, now: number): void {
    const frame = speech.frames[speech.sentFrames];
    if (frame === undefined) return;
    this.#leg.sendAudio(frame);
    this.#onSentAudio?.(frame);
    speech.sentFrames++;
    if (speech.lastSentAt !== undefined) {
      this.#stats?.record(now - speech.lastSentAt, this.#frameMs, now - this.#nextDueAt);
    }
    speech.lastSentAt = now;
    this.#nextDueAt += this.#frameMs;
    if (!speech.firstSent) {
      speech.firstSent = true;
      speech.ackAt = now;
      this.#events.onFirstFrame(speech.id, now);
    }
    const last = speech.ended && speech.sentFrames === speech.frames.length;
    if (this.#leg.supportsMarks && (last || speech.sentFrames % this.#markEvery === 0)) {
      const name = `s${speech.id}-f${speech.sentFrames}`;
      this.#pendingMarks.set(name, { speechId: speech.id, frames: speech.sentFrames });
      this.#leg.sendMark(name);
    }
  }

  #onMark(name: string): void {
    const mark = this.#pendingMarks.get(name);
    // Marks echoed after a clear, or from an older utterance, say nothing about what was heard.
    if (mark === undefined) return;
    this.#pendingMarks.delete(name);
    const speech = this.#speech;
    if (speech === undefined || speech.id !== mark.speechId) return;
    speech.ackFrames = Math.max(speech.ackFrames, mark.frames);
    speech.ackAt = this.#clock.now();
    this.#checkDone();
  }

  #heardFrames(): number {
    const speech = this.#speech;
    if (speech === undefined) return 0;
    if (this.#paused) return speech.sentFrames;
    const elapsed = Math.floor((this.#clock.now() - speech.ackAt) / this.#frameMs);
    return Math.min(speech.sentFrames, speech.ackFrames + Math.max(0, elapsed));
  }

  #checkDone(): void {
    const speech = this.#speech;
    if (speech === undefined || !speech.ended || this.#paused) return;
    if (speech.sentFrames < speech.frames.length) return;
    const marked = this.#leg.supportsMarks && speech.frames.length > 0;
    if (marked && speech.ackFrames >= speech.frames.length) {
      this.#finish(speech.id);
      return;
    }
    // Without marks the clock says when the last frame has played; with marks the clock is only a
    // backstop for an echo that never comes, so the call cannot hang on a lost mark.
    this.#clock.clearTimeout(this.#doneTimer);
    const remaining = Math.max(0, this.#nextDueAt - this.#clock.now()) + (marked ? 2000 : 0);
    this.#doneTimer = this.#clock.setTimeout(() => this.#finish(speech.id), remaining);
  }

  #finish(speechId: number): void {
    if (this.#speech?.id !== speechId) return;
    this.#clock.clearTimeout(this.#doneTimer);
    this.#speech = undefined;
    this.#pendingMarks.clear();
    this.#unregister();
    this.#events.onPlayed(speechId);
  }

  #unregister(): void {
    if (!this.#registered) return;
    this.#registered = false;
    this.#ticker.remove(this);
  }
}
