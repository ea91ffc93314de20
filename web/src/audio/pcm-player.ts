import { PCM_SAMPLE_RATE } from './pcm.js';

/** Plays PCM chunks back to back through an AudioContext (see {@link createPcmPlayer}). */
export interface PcmPlayer {
  /** Queues samples to play right after what is already queued. */
  play(samples: Float32Array<ArrayBuffer>): void;
  /** Stops at once and drops everything queued (the caller interrupted the agent). */
  clear(): void;
  /** Seconds until everything queued has played. */
  remainingSeconds(): number;
  /** Stops and disconnects; the context stays open (it belongs to the caller). */
  close(): void;
}

/** After running dry, start a little ahead so the next chunks have time to arrive. */
const restartLeadSeconds = 0.03;

/**
 * A gapless player for a stream of PCM chunks: each chunk starts at max(now, end of the
 * previous chunk). `pan` (-1 left … 1 right) places the stream in the stereo image.
 *
 * @example
 * const player = createPcmPlayer(context);
 * socket.onmessage = (message) => player.play(pcm16ToFloat32(message.data));
 */
export function createPcmPlayer(
  context: AudioContext,
  options: { sampleRate?: number; pan?: number } = {},
): PcmPlayer {
  const sampleRate = options.sampleRate ?? PCM_SAMPLE_RATE;
  const output = context.createStereoPanner();
  output.pan.value = options.pan ?? 0;
  output.connect(context.destination);
  const sources = new Set<AudioBufferSourceNode>();
  let playhead = 0;

  return {
    play(samples) {
      if (samples.length === 0) return;
      const buffer = context.createBuffer(1, samples.length, sampleRate);
      buffer.copyToChannel(samples, 0);
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(output);
      const now = context.currentTime;
      const startAt = playhead > now ? playhead : now + restartLeadSeconds;
      source.start(startAt);
      playhead = startAt + buffer.duration;
      sources.add(source);
      source.onended = () => {
        sources.delete(source);
        source.disconnect();
      };
    },
    clear() {
      for (const source of sources) {
        source.onended = null;
        source.stop();
        source.disconnect();
      }
      sources.clear();
      playhead = 0;
    },
    remainingSeconds() {
      return Math.max(0, playhead - context.currentTime);
    },
    close() {
      this.clear();
      output.disconnect();
    },
  };
}
