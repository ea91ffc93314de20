/**
 * CPU cost of the shared Silero VAD at 8 kHz. Prints one JSON line:
 * - `usPerStreamWindow[n]`: process CPU (all threads) per stream-window when n streams each
 *   deliver one window at the same moment, so that they run as one batch of n;
 * - `msCpuPerCallSecond[n]`: the same as CPU milliseconds per second of one call's audio;
 * - `mainThread…`: the same two for the main thread alone (the event loop every call's audio
 *   shares); the rest is the inference worker thread (and V8's helper threads);
 * - `realtime100`: 100 calls sending 20 ms frames on their own unsynchronised clocks for a few
 *   seconds, with the default batch cap: what a loaded server would pay per call-second, and how
 *   late the event loop ran (`eventLoopDelayMs`, from `monitorEventLoopDelay`);
 * - `backlog150`: 150 calls in real time, default settings, on a main thread kept busy (a
 *   synchronous 10 ms spin every 20 ms, standing in for a loaded server): the lag from the
 *   `write` that completes a window to its probability's delivery (`lagMs` p50 / p99 / max), and
 *   how many windows were still owed 5 s after the calls stopped (counted at their age). A lag
 *   that grows with time means inference cannot keep up with the windows;
 * - `backlog150Contended`: the same with two more threads spinning all along, standing in for the
 *   benchmark callers and the rest of the server sharing its two cores: the inference thread and
 *   the main thread get about half a core each, as in the server benchmark at 150 calls.
 *
 * Main-thread CPU comes from /proc/thread-self/schedstat (Linux); elsewhere those fields are null.
 *
 * Run: npx tsx bench/vad-bench.ts            (every scenario)
 *      npx tsx bench/vad-bench.ts backlog    (the backlog scenario alone)
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createSileroVad } from '../src/providers/local/silero/silero-vad.js';
import type { VadModelV1, VadStreamV1 } from '../src/providers/spec/vad-model-v1.js';

const SAMPLE_RATE = 8000;
const BATCH_SIZES = [1, 8, 32, 100] as const;
const WINDOWS_PER_SIZE = 4000;
const REALTIME_STREAMS = 100;
const REALTIME_SECONDS = 4;
const FRAME_MS = 20;
const BACKLOG_STREAMS = 150;
const BACKLOG_SECONDS = 8;
/** Lags of windows completed in the first second are left out: the worker is still warming up. */
const BACKLOG_WARM_UP_MS = 1_000;
/** How long the last windows may take once the calls stop sending. */
const BACKLOG_DRAIN_MS = 5_000;
const BUSY_SPIN_MS = 10;
const BUSY_EVERY_MS = 20;
/** How often the simulated network hands due frames over; a blocked loop gets them in a burst. */
const FEED_TICK_MS = 5;
/** Threads spinning beside the contended scenario: with two, every core is taken. */
const COMPETING_THREADS = 2;

function noise(length: number, seed: number): Int16Array {
  let state = seed;
  return Int16Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.round((state / 2 ** 32 - 0.5) * 4000);
  });
}

interface CpuReading {
  /** All threads of the process. */
  readonly process: number;
  /** The calling (main) thread alone, or NaN where the OS does not say. */
  readonly mainThread: number;
}

/** CPU microseconds used so far. Call it on the main thread: /proc/thread-self is the caller. */
function readCpu(): CpuReading {
  const usage = process.cpuUsage();
  let mainThread = Number.NaN;
  try {
    // The first field is nanoseconds on a CPU, far finer than the 10 ms ticks of /proc/…/stat.
    const nanoseconds = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    mainThread = nanoseconds / 1000;
  } catch {
    // Not Linux: main-thread figures are reported as null.
  }
  return { process: usage.user + usage.system, mainThread };
}

function since(start: CpuReading): CpuReading {
  const now = readCpu();
  return { process: now.process - start.process, mainThread: now.mainThread - start.mainThread };
}

/** Rounded for the JSON line; NaN (unknown) becomes null. */
function round(value: number, digits: number): number | null {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
}

/** Every stream writes one window, then all callbacks are awaited; repeated `rounds` times. */
async function measureBatch(vad: VadModelV1, size: number, rounds: number): Promise<CpuReading> {
  const streams = Array.from({ length: size }, () => vad.createStream());
  const windows = streams.map((_, index) => noise(vad.windowSamples, index + 1));
  let pending = 0;
  let wake: () => void = () => {};
  for (const stream of streams) {
    stream.onProbability = () => {
      pending -= 1;
      if (pending === 0) wake();
    };
  }
  const round = (): Promise<void> =>
    new Promise((resolve) => {
      pending = size;
      wake = resolve;
      streams.forEach((stream, index) => stream.write(windows[index] ?? new Int16Array(0)));
    });
  for (let warmUp = 0; warmUp < 20; warmUp += 1) await round();
  const start = readCpu();
  for (let count = 0; count < rounds; count += 1) await round();
  const elapsed = since(start);
  for (const stream of streams) stream.close();
  const streamWindows = rounds * size;
  return {
    process: elapsed.process / streamWindows,
    mainThread: elapsed.mainThread / streamWindows,
  };
}

interface RealtimeResult {
  readonly msCpuPerCallSecond: number;
  readonly mainThreadMsCpuPerCallSecond: number;
  readonly eventLoopDelayMs: { readonly p99: number; readonly max: number };
}

/** 100 calls, each sending a 20 ms frame every 20 ms from a random phase, for a few seconds. */
async function measureRealtime(vad: VadModelV1): Promise<RealtimeResult> {
  const frameSamples = (SAMPLE_RATE * FRAME_MS) / 1000;
  const frames = Array.from({ length: 50 }, (_, index) => noise(frameSamples, index + 1));
  const streams: VadStreamV1[] = [];
  const timers: NodeJS.Timeout[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const start = readCpu();
  await new Promise<void>((resolve) => {
    for (let index = 0; index < REALTIME_STREAMS; index += 1) {
      const stream = vad.createStream();
      stream.onProbability = () => {};
      streams.push(stream);
      let frame = 0;
      const phase = Math.random() * FRAME_MS;
      timers.push(
        setTimeout(() => {
          timers.push(
            setInterval(() => {
              stream.write(frames[frame % frames.length] ?? new Int16Array(0));
              frame += 1;
            }, FRAME_MS),
          );
        }, phase),
      );
    }
    setTimeout(resolve, REALTIME_SECONDS * 1000);
  });
  for (const timer of timers) clearInterval(timer);
  const elapsed = since(start);
  delay.disable();
  for (const stream of streams) stream.close();
  const callSeconds = REALTIME_STREAMS * REALTIME_SECONDS;
  return {
    msCpuPerCallSecond: elapsed.process / 1000 / callSeconds,
    mainThreadMsCpuPerCallSecond: elapsed.mainThread / 1000 / callSeconds,
    eventLoopDelayMs: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
  };
}

interface BacklogResult {
  readonly lagMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly windowsDelivered: number;
  readonly windowsOwedAtEnd: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/** Blocks the event loop for `milliseconds`, as synchronous server work would. */
function spin(milliseconds: number): void {
  const until = performance.now() + milliseconds;
  while (performance.now() < until) {
    // Busy on purpose.
  }
}

/**
 * 150 calls whose 20 ms frames fall due on their own clocks; one ticker hands over every frame
 * that is due, so frames delayed by the busy loop arrive in a burst, as from a socket.
 */
async function measureBacklog(vad: VadModelV1): Promise<BacklogResult> {
  const frameSamples = (SAMPLE_RATE * FRAME_MS) / 1000;
  const frames = Array.from({ length: 50 }, (_, index) => noise(frameSamples, index + 1));
  const start = performance.now();
  const lags: number[] = [];
  let delivered = 0;
  let owed = 0;
  const callers = Array.from({ length: BACKLOG_STREAMS }, () => {
    const stream = vad.createStream();
    /** When the `write` completing each undelivered window ran, oldest first. */
    const completed: number[] = [];
    stream.onProbability = () => {
      const completedAt = completed.shift() ?? Number.NaN;
      delivered += 1;
      if (completedAt - start >= BACKLOG_WARM_UP_MS) lags.push(performance.now() - completedAt);
    };
    return { stream, completed, samplesWritten: 0, nextFrameMs: start + Math.random() * FRAME_MS };
  });
  let frame = 0;
  const feeder = setInterval(() => {
    const now = performance.now();
    for (const caller of callers) {
      while (caller.nextFrameMs <= now) {
        const before = Math.floor(caller.samplesWritten / vad.windowSamples);
        caller.samplesWritten += frameSamples;
        const after = Math.floor(caller.samplesWritten / vad.windowSamples);
        for (let window = before; window < after; window += 1) caller.completed.push(now);
        caller.stream.write(frames[frame % frames.length] ?? new Int16Array(0));
        frame += 1;
        caller.nextFrameMs += FRAME_MS;
      }
    }
  }, FEED_TICK_MS);
  const busy = setInterval(() => spin(BUSY_SPIN_MS), BUSY_EVERY_MS);
  await new Promise<void>((resolve) => setTimeout(resolve, BACKLOG_SECONDS * 1000));
  clearInterval(feeder);
  // The last windows are waited for, still under load, so that a build that falls behind is not
  // flattered by leaving its slowest windows out; any not delivered by then count at their age.
  const drainUntil = performance.now() + BACKLOG_DRAIN_MS;
  while (callers.some((caller) => caller.completed.length > 0) && performance.now() < drainUntil) {
    await new Promise((resolve) => setTimeout(resolve, FEED_TICK_MS));
  }
  clearInterval(busy);
  const end = performance.now();
  for (const caller of callers) {
    owed += caller.completed.length;
    for (const completedAt of caller.completed) lags.push(end - completedAt);
    caller.stream.close();
  }
  lags.sort((first, second) => first - second);
  return {
    lagMs: { p50: percentile(lags, 0.5), p99: percentile(lags, 0.99), max: lags.at(-1) ?? 0 },
    windowsDelivered: delivered,
    windowsOwedAtEnd: owed,
  };
}

/** A thread that keeps one core busy, as the callers of the server benchmark do. */
function startCompetingThread(): Worker {
  const thread = new Worker('for (;;) {}', { eval: true, execArgv: [] });
  thread.unref();
  return thread;
}

async function runBacklog(competingThreads: number): Promise<Record<string, unknown>> {
  const vad = await createSileroVad({ sampleRate: SAMPLE_RATE });
  const competitors = Array.from({ length: competingThreads }, startCompetingThread);
  const backlog = await measureBacklog(vad);
  // Plain JavaScript with no native call in flight: stopping it is safe.
  await Promise.all(competitors.map((thread) => thread.terminate()));
  await vad.close();
  return {
    streams: BACKLOG_STREAMS,
    seconds: BACKLOG_SECONDS,
    busyMainThread: { spinMs: BUSY_SPIN_MS, everyMs: BUSY_EVERY_MS },
    competingThreads,
    lagMs: {
      p50: round(backlog.lagMs.p50, 1),
      p99: round(backlog.lagMs.p99, 1),
      max: round(backlog.lagMs.max, 1),
    },
    windowsDelivered: backlog.windowsDelivered,
    windowsOwedAtEnd: backlog.windowsOwedAtEnd,
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('backlog')) {
    const backlog150 = await runBacklog(0);
    const backlog150Contended = await runBacklog(COMPETING_THREADS);
    console.log(
      JSON.stringify({
        bench: 'silero-vad',
        sampleRate: SAMPLE_RATE,
        backlog150,
        backlog150Contended,
      }),
    );
    return;
  }
  const batched = await createSileroVad({ sampleRate: SAMPLE_RATE, maxBatch: 128 });
  const windowsPerSecond = SAMPLE_RATE / batched.windowSamples;
  const usPerStreamWindow: Record<string, number | null> = {};
  const msCpuPerCallSecond: Record<string, number | null> = {};
  const mainThreadUsPerStreamWindow: Record<string, number | null> = {};
  const mainThreadMsCpuPerCallSecond: Record<string, number | null> = {};
  for (const size of BATCH_SIZES) {
    const perWindow = await measureBatch(batched, size, Math.ceil(WINDOWS_PER_SIZE / size));
    usPerStreamWindow[size] = round(perWindow.process, 1);
    msCpuPerCallSecond[size] = round((perWindow.process * windowsPerSecond) / 1000, 3);
    mainThreadUsPerStreamWindow[size] = round(perWindow.mainThread, 1);
    mainThreadMsCpuPerCallSecond[size] = round((perWindow.mainThread * windowsPerSecond) / 1000, 3);
  }
  await batched.close();
  const defaults = await createSileroVad({ sampleRate: SAMPLE_RATE });
  const realtime = await measureRealtime(defaults);
  await defaults.close();
  const backlog150 = await runBacklog(0);
  const backlog150Contended = await runBacklog(COMPETING_THREADS);
  console.log(
    JSON.stringify({
      bench: 'silero-vad',
      sampleRate: SAMPLE_RATE,
      windowSamples: batched.windowSamples,
      usPerStreamWindow,
      msCpuPerCallSecond,
      mainThreadUsPerStreamWindow,
      mainThreadMsCpuPerCallSecond,
      realtime100: {
        streams: REALTIME_STREAMS,
        seconds: REALTIME_SECONDS,
        msCpuPerCallSecond: round(realtime.msCpuPerCallSecond, 3),
        mainThreadMsCpuPerCallSecond: round(realtime.mainThreadMsCpuPerCallSecond, 3),
        eventLoopDelayMs: {
          p99: round(realtime.eventLoopDelayMs.p99, 1),
          max: round(realtime.eventLoopDelayMs.max, 1),
        },
      },
      backlog150,
      backlog150Contended,
    }),
  );
}

await main();
