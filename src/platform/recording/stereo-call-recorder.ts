import type { AudioFormat } from '../../audio/audio-frame.js';
import { createPcmDecoder } from '../../audio/audio-converter.js';
import { WAV_HEADER_BYTES } from '../../audio/wav.js';
import type { AudioTap } from '../../engine/voice-session-options.js';
import { SwitchboardError } from '../../errors/switchboard-error.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import { RecordingTimeline } from './recording-timeline.js';
import { StereoLanes } from './stereo-lanes.js';
import { StereoWavWriter } from './stereo-wav-writer.js';

/** Settings of {@link createStereoCallRecorder}. */
export interface StereoCallRecorderOptions {
  /** The WAV file to write; missing folders are created. */
  readonly path: string;
  /** The leg's inbound format (what `onCallerAudio` receives). */
  readonly callerFormat: AudioFormat;
  /** The leg's outbound format (what `onAgentAudio` receives). */
  readonly agentFormat: AudioFormat;
  /** Output rate: 8000 (default), 16000, 24000 or 48000. */
  readonly sampleRate?: number;
  /** Monotonic clock in ms; default `performance.now`. */
  readonly now?: () => number;
  readonly logger?: Logger;
  /** How often audio goes to disk and the header is brought up to date; default 1000 ms. */
  readonly flushIntervalMs?: number;
  /** A caller gap longer than this is padded with silence up to the clock; default 300 ms. */
  readonly stallMs?: number;
}

/** What a finished recording holds. */
export interface RecordingResult {
  readonly path: string;
  readonly durationMs: number;
  /** Size of the whole file, header included. */
  readonly bytes: number;
}

/** An {@link AudioTap} that writes both sides of a call to a stereo WAV as the call goes. */
export interface StereoCallRecorder extends AudioTap {
  readonly path: string;
  /** Commits and writes what has arrived so far (also done every `flushIntervalMs`). */
  flush(): Promise<void>;
  /**
   * Writes the rest, fixes the header and closes the file. Safe to call twice. Rejects with a
   * `SwitchboardError` (code `recording_failed`) when a disk error disabled the recording; the
   * file then holds the audio up to the failure.
   */
  close(): Promise<RecordingResult>;
}

/**
 * Records a call as a 16-bit PCM stereo WAV: caller on the left, agent on the right, aligned as
 * {@link RecordingTimeline} describes. The tap methods decode into reused buffers and copy into
 * the lanes; disk writes happen in the background about once a second, and after each one the
 * header states the true sizes, so a crash leaves a playable file (see `finalizeOrphanRecording`
 * for the last second). A failure is logged once and stops the recording; the tap never throws.
 *
 * @example
 * const recorder = createStereoCallRecorder({ path, callerFormat: leg.inboundFormat,
 *   agentFormat: leg.outboundFormat, logger });
 * // pass `recorder` as the session's audioTap, then after the call:
 * const { durationMs } = await recorder.close();
 */
export function createStereoCallRecorder(options: StereoCallRecorderOptions): StereoCallRecorder {
  return new Recorder(options);
}

class Recorder implements StereoCallRecorder {
  readonly path: string;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #decodeCaller: (chunk: Uint8Array) => Int16Array;
  readonly #decodeAgent: (chunk: Uint8Array) => Int16Array;
  readonly #timeline: RecordingTimeline;
  readonly #writer: StereoWavWriter;
  readonly #lanes: StereoLanes;
  readonly #sampleRate: number;
  readonly #timer: NodeJS.Timeout;
  #disabled = false;
  #failure: { error: unknown } | undefined;
  #closing: Promise<RecordingResult> | undefined;

  constructor(options: StereoCallRecorderOptions) {
    this.path = options.path;
    this.#sampleRate = options.sampleRate ?? 8000;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? (() => performance.now());
    // Throws for rates the resampler does not support: a setup error, not an audio-path one.
    this.#decodeCaller = createPcmDecoder(options.callerFormat, this.#sampleRate);
    this.#decodeAgent = createPcmDecoder(options.agentFormat, this.#sampleRate);
    const stallSamples = Math.round(((options.stallMs ?? 300) * this.#sampleRate) / 1000);
    this.#timeline = new RecordingTimeline(this.#sampleRate, stallSamples, this.#now());
    this.#writer = new StereoWavWriter(this.path, this.#sampleRate, (error) => this.#fail(error));
    // Half a second per lane; they grow only if the agent runs further ahead.
    this.#lanes = new StereoLanes(this.#writer, Math.ceil(this.#sampleRate / 2));
    this.#timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1000);
    this.#timer.unref();
  }

  onCallerAudio(audio: Uint8Array): void {
    if (this.#disabled) return;
    try {
      const samples = this.#decodeCaller(audio);
      if (samples.length === 0) return;
      const start = this.#timeline.placeCaller(this.#now(), samples.length);
      this.#lanes.put(0, samples, start, start);
    } catch (error) {
      this.#fail(error);
    }
  }

  onAgentAudio(audio: Uint8Array): void {
    if (this.#disabled) return;
    try {
      const samples = this.#decodeAgent(audio);
      if (samples.length === 0) return;
      const start = this.#timeline.placeAgent(this.#now(), samples.length);
      this.#lanes.put(1, samples, start, this.#timeline.callerCursor);
    } catch (error) {
      this.#fail(error);
    }
  }

  flush(): Promise<void> {
    if (this.#disabled) return Promise.resolve();
    try {
      this.#timeline.advanceIfStalled(this.#now());
      this.#lanes.commit(this.#timeline.callerCursor);
    } catch (error) {
      this.#fail(error);
    }
    return this.#writer.flush();
  }

  close(): Promise<RecordingResult> {
    this.#closing ??= this.#finish();
    return this.#closing;
  }

  async #finish(): Promise<RecordingResult> {
    clearInterval(this.#timer);
    if (!this.#disabled) {
      // Agent audio sent after the caller's last frame still belongs in the file.
      this.#lanes.commit(Math.max(this.#timeline.callerCursor, this.#timeline.agentCursor));
    }
    this.#disabled = true;
    await this.#writer.close();
    if (this.#failure !== undefined) {
      throw new SwitchboardError(`recording ${this.path} failed; the file may be incomplete`, {
        code: 'recording_failed',
        cause: this.#failure.error,
      });
    }
    const dataBytes = this.#writer.dataBytes;
    const durationMs = (dataBytes / 4 / this.#sampleRate) * 1000;
    return { path: this.path, durationMs, bytes: WAV_HEADER_BYTES + dataBytes };
  }

  #fail(error: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure = { error };
    this.#disabled = true;
    clearInterval(this.#timer);
    this.#logger.error({ err: error, path: this.path }, 'call recording failed; recording stopped');
  }
}
