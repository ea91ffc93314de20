import { Counter, Gauge, type Registry } from 'prom-client';
import type { PlayoutStats } from '../engine/playout-stats.js';

/**
 * Exposes how evenly the server paces agent audio: frames sent, frames that missed their slot
 * (the caller heard a gap), and the 50th/99th percentile of frame-to-frame jitter. Read from the
 * shared playout stats when Prometheus scrapes, so the audio path pays nothing.
 */
export function registerPlayoutMetrics(registry: Registry, stats: PlayoutStats): void {
  let reportedFrames = 0;
  let reportedLate = 0;
  new Counter({
    name: 'switchboard_playout_frames_total',
    help: 'Agent audio frames sent after the first of their utterance.',
    registers: [registry],
    collect() {
      this.inc(stats.frames - reportedFrames);
      reportedFrames = stats.frames;
    },
  });
  new Counter({
    name: 'switchboard_playout_late_frames_total',
    help: 'Agent audio frames sent more than one frame period after their slot.',
    registers: [registry],
    collect() {
      this.inc(stats.lateFrames - reportedLate);
      reportedLate = stats.lateFrames;
    },
  });
  new Gauge({
    name: 'switchboard_playout_jitter_seconds',
    help: 'Jitter of the gap between consecutive agent audio frames, since start.',
    labelNames: ['quantile'],
    registers: [registry],
    collect() {
      this.set({ quantile: '0.5' }, stats.jitterPercentile(50) / 1000);
      this.set({ quantile: '0.99' }, stats.jitterPercentile(99) / 1000);
    },
  });
}
