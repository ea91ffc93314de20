/**
 * The engine benchmark: N concurrent simulated calls against a Switchboard server running in its
 * own process (Silero VAD on every call), with fake providers of configured latency in this
 * process. Prints one JSON line on stdout; progress goes to stderr.
 *
 *   npm run bench -- --calls 200 --turns 3
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/cli/boot.js';
import { createCallerSpeech } from '../src/cli/caller-speech.js';
import {
  DEMO_ACCOUNT_SID,
  DEMO_AUTH_TOKEN,
  DEMO_NUMBER,
  DEMO_PUBLIC_URL,
  startDemoEnvironment,
} from '../src/cli/demo-environment.js';
import { systemClock } from '../src/engine/clock.js';
import { PlayoutTicker } from '../src/engine/playout-ticker.js';
import type { CallerStep } from '../src/testing/simulated-caller/caller-script.js';
import {
  SimulatedCaller,
  type CallerReport,
} from '../src/testing/simulated-caller/simulated-caller.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '100' },
    turns: { type: 'string', default: '3' },
    'ramp-ms': { type: 'string', default: '4000' },
    'llm-ms': { type: 'string', default: '200' },
    'stt-ms': { type: 'string', default: '100' },
    'tts-ms': { type: 'string', default: '100' },
  },
});
const calls = Number(values.calls);
const turns = Number(values.turns);
const rampMs = Number(values['ramp-ms']);
const llmMs = Number(values['llm-ms']);
const sttMs = Number(values['stt-ms']);
const ttsMs = Number(values['tts-ms']);
const endpointingMs = 500;

interface PlayoutSnapshot {
  frames: number;
  lateFrames: number;
  p50: number;
  p99: number;
}

const LINES = [
  'Hi, I would like to book a service for my car.',
  'Tuesday morning would be great.',
  'Can you remind me what the oil change costs?',
  'Thank you, that is all for today.',
];

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? 0) * 100) / 100;
}

/** CPU seconds (user + system) and RSS of a process, from /proc. */
function sampleProcess(pid: number): { cpuSeconds: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / 100, rssMb: rssKb / 1024 };
}

async function main(): Promise<void> {
  const script: CallerStep[] = [];
  for (let index = 0; index < turns; index++)
    script.push({ say: LINES[index % LINES.length] ?? 'Hello.' });
  script.push({ hangup: true });
  const lines = script.flatMap((step) => ('say' in step ? [step.say] : []));

  const demo = await startDemoEnvironment({
    script: lines,
    llmFirstTokenMs: llmMs,
    llmTokenIntervalMs: 0,
    sttLatencyMs: sttMs,
    ttsFirstByteMs: ttsMs,
  });
  demo.openai.setPolicy(() => ({ text: 'Sure, I can help you with that right away.' }));
  const root = packageRoot();
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
  // BENCH_SERVER_FLAGS passes Node flags to the server (e.g. --cpu-prof) for profiling.
  // The same young-generation size `npm start` uses: fewer scavenges, fewer pauses in the audio path.
  const serverFlags = (process.env.BENCH_SERVER_FLAGS ?? '--max-semi-space-size=32')
    .split(' ')
    .filter((flag) => flag.length > 0);
  const server = spawn(
    process.execPath,
    [...serverFlags, join(root, 'dist', 'src', 'cli', 'main.js'), 'serve'],
    {
      env: {
        ...process.env,
        ...demo.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        SWITCHBOARD_CONFIG: join(root, 'bench', 'bench-agents.yaml'),
        DATA_DIR: dataDir,
        RECORD_CALLS: process.env.BENCH_RECORD_CALLS ?? 'true',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const overheads: number[] = [];
  const totals: number[] = [];
  let serverErrors = 0;
  let resolvePlayout!: (stats: PlayoutSnapshot) => void;
  const playoutStats = new Promise<PlayoutSnapshot>((resolve) => (resolvePlayout = resolve));
  const listening = new Promise<string>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: server.stdout }).on('line', (line) => {
      let record: {
        msg?: string;
        level?: number;
        url?: string;
        metrics?: { overheadMs: number; totalMs: number };
        playout?: PlayoutSnapshot;
      };
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        return;
      }
      if (record.msg === 'switchboard listening' && record.url !== undefined) resolve(record.url);
      if (record.msg === 'playout stats' && record.playout !== undefined)
        resolvePlayout(record.playout);
      if (record.msg === 'turn metrics' && record.metrics !== undefined) {
        overheads.push(record.metrics.overheadMs);
        totals.push(record.metrics.totalMs);
      }
      if ((record.level ?? 0) >= 50) {
        serverErrors++;
        if (serverErrors <= 5) log(`server error: ${line.slice(0, 300)}`);
      }
    });
  });
  const serverUrl = await listening;
  const pid = server.pid as number;
  log(`server ${serverUrl} (pid ${pid}); synthesizing caller lines`);
  const speech = createCallerSpeech('rms');
  await Promise.all(lines.map((line) => speech(line)));

  // Idle baseline after one warm-up call (model sessions, JIT, pools).
  // Real callers' 20 ms frames arrive at random phases; four tickers 5 ms apart spread the load the
  // way independent phones would, instead of one synchronized burst of every call's frame.
  const tickers: PlayoutTicker[] = [];
  const keepAlive = { tick: () => {} };
  for (let index = 0; index < 4; index++) {
    // Callers send one 20 ms frame per tick.
    const ticker = new PlayoutTicker(systemClock, 20);
    // A no-op target fixes the ticker's phase now, 5 ms after the previous one's.
    ticker.add(keepAlive);
    tickers.push(ticker);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  let nextTicker = 0;
  const newCaller = (): SimulatedCaller =>
    new SimulatedCaller({
      serverUrl,
      publicUrl: DEMO_PUBLIC_URL,
      accountSid: DEMO_ACCOUNT_SID,
      authToken: DEMO_AUTH_TOKEN,
      from: '+15550199999',
      to: DEMO_NUMBER,
      script,
      speech,
      ticker: tickers[nextTicker++ % tickers.length],
      record: false,
      endWaitMs: 5000,
    });
  await newCaller().run();
  overheads.length = 0;
  totals.length = 0;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idle = sampleProcess(pid);
  log(`idle RSS ${idle.rssMb.toFixed(1)} MB; starting ${calls} calls over ${rampMs} ms`);

  const reports: Promise<CallerReport>[] = [];
  let peakRss = idle.rssMb;
  let steadyStart: { at: number; cpuSeconds: number } | undefined;
  let steadyEnd: { at: number; cpuSeconds: number } | undefined;
  const startedAt = performance.now();
  const clientCpuStart = process.cpuUsage();
  const clientLoopDelay = monitorEventLoopDelay({ resolution: 5 });
  clientLoopDelay.enable();
  for (let index = 0; index < calls; index++) {
    reports.push(newCaller().run());
    await new Promise((resolve) => setTimeout(resolve, rampMs / calls));
  }
  // Sample while every call is live; the CPU window is the steady state after the ramp.
  const sampler = setInterval(() => {
    const sample = sampleProcess(pid);
    peakRss = Math.max(peakRss, sample.rssMb);
    const now = performance.now();
    if (steadyStart === undefined) steadyStart = { at: now, cpuSeconds: sample.cpuSeconds };
    else steadyEnd = { at: now, cpuSeconds: sample.cpuSeconds };
  }, 1000);
  const finished = await Promise.all(reports);
  clearInterval(sampler);
  for (const ticker of tickers) ticker.remove(keepAlive);
  const elapsedMs = performance.now() - startedAt;
  const clientCpu = process.cpuUsage(clientCpuStart);

  const intervals = finished.flatMap((report) => report.intervalsMs);
  const jitter = intervals.map((interval) => Math.abs(interval - 20));
  const callerLatencies = finished.flatMap((report) =>
    report.turns.flatMap((turn) => (turn.latencyMs === undefined ? [] : [turn.latencyMs])),
  );
  // What the caller measured minus what we deliberately waited and what the fakes took.
  const callerOverheads = callerLatencies.map((latency) => latency - endpointingMs - llmMs - ttsMs);
  const errors =
    serverErrors +
    finished.reduce(
      (sum, report) =>
        sum +
        report.errors.length +
        (report.outcome === 'completed' ? 0 : 1) +
        report.turns.filter((turn) => turn.latencyMs === undefined).length,
      0,
    );
  const cpuPercent =
    steadyStart !== undefined && steadyEnd !== undefined
      ? ((steadyEnd.cpuSeconds - steadyStart.cpuSeconds) /
          ((steadyEnd.at - steadyStart.at) / 1000)) *
        100
      : 0;
  server.kill('SIGTERM');
  const playout = await playoutStats;
  await new Promise((resolve) => server.once('exit', resolve));
  await rm(dataDir, { recursive: true, force: true });
  const result = {
    calls,
    recording: process.env.BENCH_RECORD_CALLS ?? 'true',
    turnsPerCall: turns,
    cpuPercent: Math.round(cpuPercent * 10) / 10,
    rssMb: Math.round(peakRss * 10) / 10,
    idleRssMb: Math.round(idle.rssMb * 10) / 10,
    memoryPerCallMb: Math.round(((peakRss - idle.rssMb) / calls) * 1000) / 1000,
    overheadMs: {
      p50: percentile(overheads, 50),
      p95: percentile(overheads, 95),
      p99: percentile(overheads, 99),
    },
    callerOverheadMs: {
      p50: percentile(callerOverheads, 50),
      p95: percentile(callerOverheads, 95),
      p99: percentile(callerOverheads, 99),
    },
    // Pacing as the server sent it (every frame of every call, measured where it is produced).
    pacingJitterMs: { p50: playout.p50, p99: playout.p99 },
    framesDropped: playout.lateFrames,
    framesSent: playout.frames,
    // The same seen by the callers: adds loopback delivery and the bench process's own stalls.
    callerPacingJitterMs: { p50: percentile(jitter, 50), p99: percentile(jitter, 99) },
    callerLateFrames: finished.reduce((sum, report) => sum + report.lateFrames, 0),
    errors,
    turnsMeasured: overheads.length,
    e2eMs: { p50: percentile(totals, 50), p99: percentile(totals, 99) },
    fakeLatencyMs: { stt: sttMs, llm: llmMs, tts: ttsMs, endpointing: endpointingMs },
    wallSeconds: Math.round(elapsedMs / 100) / 10,
    // The callers and fakes share the machine; when they saturate a core, jitter is theirs too.
    clientCpuPercent:
      Math.round(((clientCpu.user + clientCpu.system) / 1000 / elapsedMs) * 1000) / 10,
    clientLoopDelayMs: {
      p99: Math.round(clientLoopDelay.percentile(99) / 1e4) / 100,
      max: Math.round(clientLoopDelay.max / 1e4) / 100,
    },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await demo.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
