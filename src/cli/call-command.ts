import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CallEvent } from '../engine/call-events.js';
import { DEMO_SCRIPT, type CallerStep } from '../testing/simulated-caller/caller-script.js';
import { SimulatedCaller } from '../testing/simulated-caller/simulated-caller.js';
import { bootServer, EXAMPLE_PROVISIONING } from './boot.js';
import { callerReportToWav, describeCallEvent, describeCallerTurns } from './call-report.js';
import { createCallerSpeech, readWavAsMulaw8k } from './caller-speech.js';
import {
  DEMO_ACCOUNT_SID,
  DEMO_AUTH_TOKEN,
  DEMO_NUMBER,
  startDemoEnvironment,
} from './demo-environment.js';
import { createLogger } from '../logging/logger.js';

const HELP = `Usage: npm run call -- [options]

Places a simulated phone call into Switchboard over the real Twilio Media Streams protocol.

  --fake              start a server with fake providers in this process (no keys needed)
  --server URL        server to call (default http://127.0.0.1:3000)
  --public-url URL    the server's PUBLIC_URL, which webhooks are signed for (default: asked
                      from the server's /healthz)
  --account-sid SID   Twilio account (default TWILIO_ACCOUNT_SID, or the demo account)
  --auth-token TOKEN  Twilio auth token (default TWILIO_AUTH_TOKEN, or the demo token)
  --to NUMBER         number dialled (default ${DEMO_NUMBER})
  --from NUMBER       caller id (default +15550199999)
  --say TEXT          a caller line (repeatable; replaces the demo script)
  --wav FILE          play this WAV as the caller's first line
  --out FILE          where to save what the caller heard (default calls/<CallSid>.wav)
  --real-voice        with --fake: the agent speaks with Flite instead of a synthetic tone
`;

/** `switchboard call`: a phone call anyone can run. */
export async function runCallCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      fake: { type: 'boolean', default: false },
      server: { type: 'string' },
      'public-url': { type: 'string' },
      'account-sid': { type: 'string' },
      'auth-token': { type: 'string' },
      to: { type: 'string', default: DEMO_NUMBER },
      from: { type: 'string', default: '+15550199999' },
      say: { type: 'string', multiple: true },
      wav: { type: 'string' },
      out: { type: 'string' },
      'real-voice': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const script: CallerStep[] =
    values.say !== undefined ? values.say.map((line) => ({ say: line })) : [...DEMO_SCRIPT];
  const lines = script.flatMap((step) => ('say' in step ? [step.say] : []));
  const flite = createCallerSpeech('rms');
  const wavAudio = values.wav !== undefined ? await readWavAsMulaw8k(values.wav) : undefined;
  const speech = async (text: string): Promise<Uint8Array> =>
    wavAudio !== undefined && text === lines[0] ? wavAudio : flite(text);

  let serverUrl = values.server ?? 'http://127.0.0.1:3000';
  let publicUrl = values['public-url'];
  let stop = async (): Promise<void> => {};
  const events: CallEvent[] = [];
  if (values.fake) {
    const demo = await startDemoEnvironment({ script: lines, realVoice: values['real-voice'] });
    // A throwaway installation: its own embedded database and spool, removed afterwards.
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-call-'));
    const server = await bootServer(
      {
        ...process.env,
        ...demo.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
      },
      {
        defaultProvisioning: EXAMPLE_PROVISIONING,
        logger: createLogger({
          level: process.env.LOG_LEVEL ?? 'warn',
          redactPii: /^(1|true|yes)$/i.test(process.env.LOG_REDACT_PII ?? ''),
        }),
      },
    );
    server.runtime.onCallEvent((event) => {
      events.push(event);
      const line = describeCallEvent(event);
      if (line !== undefined) process.stdout.write(`${line}\n`);
    });
    serverUrl = server.url;
    publicUrl = server.publicUrl;
    stop = async () => {
      await server.close();
      await demo.close();
      await rm(dataDir, { recursive: true, force: true });
    };
    process.stdout.write(`Switchboard (fake providers) listening on ${server.url}\n`);
  }
  try {
    publicUrl ??= await askPublicUrl(serverUrl);
    const caller = new SimulatedCaller({
      serverUrl,
      publicUrl,
      accountSid: values['account-sid'] ?? process.env.TWILIO_ACCOUNT_SID ?? DEMO_ACCOUNT_SID,
      authToken: values['auth-token'] ?? process.env.TWILIO_AUTH_TOKEN ?? DEMO_AUTH_TOKEN,
      from: values.from,
      to: values.to,
      script,
      speech,
      log: values.fake ? undefined : (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`Calling ${values.to} (CallSid ${caller.callSid})…\n`);
    const report = await caller.run();
    if (report.outcome === 'rejected') {
      process.stdout.write(
        `The server refused the call and said: "${report.rejectedWith ?? ''}"\n`,
      );
      return 1;
    }
    process.stdout.write(`\nCaller's view:\n${describeCallerTurns(report).join('\n')}\n`);
    process.stdout.write(
      `  heard ${(report.agentAudioMs / 1000).toFixed(1)} s of agent audio, ${report.clears} barge-in clear(s), ${report.marksEchoed} marks echoed; call ended by ${report.endedBy}\n`,
    );
    const out = values.out ?? join('calls', `${report.callSid}.wav`);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, callerReportToWav(report));
    process.stdout.write(`  recording (left: caller, right: what the caller heard): ${out}\n`);
    for (const error of report.errors) process.stdout.write(`  error: ${error}\n`);
    const ended = events.find((event) => event.type === 'call-ended');
    return report.outcome === 'completed' && (ended === undefined || ended.reason !== 'error')
      ? 0
      : 1;
  } finally {
    await stop();
  }
}

async function askPublicUrl(serverUrl: string): Promise<string> {
  try {
    const response = await fetch(`${serverUrl}/healthz`);
    const body = (await response.json()) as { publicUrl?: unknown };
    if (typeof body.publicUrl === 'string') return body.publicUrl;
  } catch (error) {
    throw new Error(
      `cannot reach the server at ${serverUrl} (${String(error)}); start it with "npm run demo" or pass --fake`,
    );
  }
  return serverUrl;
}
