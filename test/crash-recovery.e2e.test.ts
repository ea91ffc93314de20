import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCallerSpeech } from '../src/cli/caller-speech.js';
import {
  DEMO_ACCOUNT_SID,
  DEMO_AUTH_TOKEN,
  DEMO_NUMBER,
  startDemoEnvironment,
  type DemoEnvironment,
} from '../src/cli/demo-environment.js';
import { initialApiKeyPath } from '../src/platform/tenancy/bootstrap-api-key.js';
import { SimulatedCaller } from '../src/testing/simulated-caller/simulated-caller.js';
import { serverProcessEnv, startServerProcess } from './support/server-process.js';
import { startTestStack, TEST_AGENTS, TEST_CALLER_NUMBER } from './support/test-stack.js';

const speech = createCallerSpeech('rms');

describe('a server process killed mid-call', () => {
  let demo: DemoEnvironment | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await demo?.close();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('has its orphaned call closed at the next start, with the transcript and recording that reached disk', async () => {
    demo = await startDemoEnvironment({
      script: ['Hi, I need my car looked at.', 'It makes a noise.', 'Goodbye.'],
    });
    dataDir = await mkdtemp(join(tmpdir(), 'switchboard-crash-'));
    const env = serverProcessEnv(demo, dataDir);
    const first = await startServerProcess(env);
    const caller = new SimulatedCaller({
      serverUrl: first.url,
      publicUrl: first.publicUrl,
      accountSid: DEMO_ACCOUNT_SID,
      authToken: DEMO_AUTH_TOKEN,
      from: TEST_CALLER_NUMBER,
      to: DEMO_NUMBER,
      script: [
        { say: 'Hi, I need my car looked at.' },
        { say: 'It makes a noise.' },
        { say: 'Goodbye.' },
      ],
      speech,
      endWaitMs: 8000,
    });
    const callRun = caller.run().catch(() => undefined);
    // Kill the server (no chance to clean up) once the agent has answered the first caller line.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no turn metrics within 30 s')), 30_000);
      const poll = setInterval(() => {
        if (first.lines.some((line) => line.includes('"turn metrics"'))) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 50);
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    await callRun;

    // The next start-up, on the same data folder, finds the call in the spool and closes it.
    const apiKey = (await readFile(initialApiKeyPath(dataDir), 'utf8')).trim();
    const second = await startTestStack({ provisioning: TEST_AGENTS, dataDir });
    try {
      expect(second.server.platform.recovery.recovered).toHaveLength(1);
      const [callId] = second.server.platform.recovery.recovered;
      const response = await fetch(`${second.server.url}/v1/calls/${callId}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      expect(response.status).toBe(200);
      const call = (await response.json()) as {
        endReason: string;
        disposition: string;
        transcript: { speaker: string; text: string }[];
        recording: { durationMs: number } | null;
      };
      expect(call.endReason).toBe('process-exited');
      expect(call.disposition).toBe('failed');
      expect(call.transcript.map((turn) => turn.speaker)).toEqual(
        expect.arrayContaining(['agent', 'caller']),
      );
      expect(call.transcript.find((turn) => turn.speaker === 'caller')?.text).toContain(
        'car looked at',
      );
      expect(call.recording?.durationMs).toBeGreaterThan(1000);
    } finally {
      await second.close();
    }
  }, 120_000);
});
