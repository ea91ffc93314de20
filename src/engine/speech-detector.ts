import type { VadSettings } from './session-options.js';

export interface SpeechDetectorEvents {
  /** Speech confirmed (after `minSpeechMs`); `startSample` is where it began. */
  onSpeechStart(startSample: number): void;
  /** Speech over (after `minSilenceMs`); `endSample` is the end of the last speech window. */
  onSpeechEnd(endSample: number, forced: boolean): void;
}

/**
 * Turns per-window speech probabilities into speech start/end decisions, with hysteresis: a
 * window counts as speech at the activation threshold and as silence only below it by 0.15, so a
 * probability hovering at the edge does not flap. Pure: sample counts in, callbacks out.
 */
export class SpeechDetector {
  readonly #settings: VadSettings;
  readonly #sampleRate: number;
  readonly #events: SpeechDetectorEvents;
  #speaking = false;
  #candidateStart: number | undefined;
  #speechStart = 0;
  #lastSpeechEnd = 0;
  #silenceStart: number | undefined;

  constructor(settings: VadSettings, sampleRate: number, events: SpeechDetectorEvents) {
    this.#settings = settings;
    this.#sampleRate = sampleRate;
    this.#events = events;
  }

  get speaking(): boolean {
    return this.#speaking;
  }

  /** Feeds one window's probability; `windowStart`/`windowEnd` are stream sample offsets. */
  push(probability: number, windowStart: number, windowEnd: number): void {
    const settings = this.#settings;
    const isSpeech = probability >= settings.activationThreshold;
    const isSilence = probability < Math.max(0.05, settings.activationThreshold - 0.15);
    if (!this.#speaking) {
      if (!isSpeech) {
        // Between thresholds keeps a candidate alive; clear silence ends it.
        if (isSilence) this.#candidateStart = undefined;
        return;
      }
      this.#candidateStart ??= windowStart;
      this.#lastSpeechEnd = windowEnd;
      if (this.#ms(windowEnd - this.#candidateStart) >= settings.minSpeechMs) {
        this.#speaking = true;
        this.#speechStart = this.#candidateStart;
        this.#candidateStart = undefined;
        this.#silenceStart = undefined;
        this.#events.onSpeechStart(this.#speechStart);
      }
      return;
    }
    if (!isSilence) {
      this.#silenceStart = undefined;
      if (isSpeech) this.#lastSpeechEnd = windowEnd;
      if (this.#ms(windowEnd - this.#speechStart) >= settings.maxSpeechMs) {
        this.#end(true);
      }
      return;
    }
    this.#silenceStart ??= windowStart;
    if (this.#ms(windowEnd - this.#silenceStart) >= settings.minSilenceMs) this.#end(false);
  }

  /** Forget everything (a new stream). */
  reset(): void {
    this.#speaking = false;
    this.#candidateStart = undefined;
    this.#silenceStart = undefined;
  }

  #end(forced: boolean): void {
    this.#speaking = false;
    this.#silenceStart = undefined;
    this.#events.onSpeechEnd(this.#lastSpeechEnd, forced);
  }

  #ms(samples: number): number {
    return (samples / this.#sampleRate) * 1000;
  }
}
