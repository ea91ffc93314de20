import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProvisioning } from '../src/agents/load-provisioning.js';
import { parseWav } from '../src/audio/wav.js';
import { initialApiKeyPath } from '../src/platform/tenancy/bootstrap-api-key.js';
import { createApiClient } from './support/api-client.js';
import {
  startTestStack,
  TEST_AGENTS,
  TEST_CALLER_NUMBER,
  type TestStack,
} from './support/test-stack.js';

const CALLER_LINES = [
  "Hi, I'd like to book an oil change for my car.",
  'Yes, that works for me.',
  "That's all, thank you. Goodbye!",
];
const DIALLED = '+14155550142';
const [template] = loadProvisioning(TEST_AGENTS).agents;

function withoutTwilioCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { TWILIO_ACCOUNT_SID: _sid, TWILIO_AUTH_TOKEN: _token, ...rest } = env;
  return rest;
}

interface CallDetail {
  id: string;
  status: string;
  endedAt: string | null;
  routedBy?: string;
  agentVersion: number | null;
  transcript: { speaker: string; text: string }[];
  toolCalls: { name: string; error: string | null }[];
  turnMetrics: { totalMs: number }[];
  recording: { durationMs: number; url: string } | null;
}

/** The whole product as a user drives it: the API provisions, `npm run call` dials, the API reports. */
describe('a call to a number provisioned through the API', () => {
  let stack: TestStack;
  let apiKey: string;
  let outDir: string;
  const api = createApiClient(
    () => stack.server.url,
    () => apiKey,
  );

  beforeAll(async () => {
    stack = await startTestStack({ provisioning: TEST_AGENTS, script: CALLER_LINES });
    apiKey = (await readFile(initialApiKeyPath(stack.dataDir), 'utf8')).trim();
    outDir = await mkdtemp(join(tmpdir(), 'switchboard-call-out-'));
  });
  afterAll(async () => {
    await stack?.close();
    if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
  });

  it('is routed to its agent, books through the tools, and leaves a complete record with a stereo recording', async () => {
    // Provision everything through the API, as a user would.
    const allWeek = Array.from({ length: 7 }, (_, weekday) => ({
      weekday,
      opens: '00:00',
      closes: '24:00',
    }));
    expect((await api('PUT', '/v1/business-hours', { hours: allWeek })).status).toBe(200);
    expect((await api('POST', '/v1/service-bays', { name: 'Bay 1' })).status).toBe(201);
    const customer = await api<{ id: string }>('POST', '/v1/customers', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: TEST_CALLER_NUMBER,
    });
    expect(customer.status).toBe(201);
    const agent = await api<{ id: string }>('POST', '/v1/agents', {
      ...template,
      name: 'service-booker',
      tools: ['lookup_customer', 'get_available_slots', 'book_appointment', 'end_call'],
      transferDestinations: [],
    });
    expect(agent.status).toBe(201);
    const number = await api('POST', '/v1/phone-numbers', {
      number: DIALLED,
      inboundAgentId: agent.body.id,
    });
    expect(number.status).toBe(201);

    // Dial it with the CLI.
    const exitCode = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'call',
          '--server',
          stack.server.url,
          '--public-url',
          stack.server.publicUrl,
          '--to',
          DIALLED,
          '--from',
          TEST_CALLER_NUMBER,
          ...CALLER_LINES.flatMap((line) => ['--say', line]),
          '--out',
          join(outDir, 'caller.wav'),
        ],
        // The demo account signs the call, as it does for `npm run call` against `npm run demo`.
        { env: withoutTwilioCredentials(process.env), stdio: ['ignore', 'inherit', 'inherit'] },
      );
      child.once('exit', resolve);
    });
    expect(exitCode).toBe(0);

    // The record: found by the dialled number, complete once the call's writes have settled.
    const list = await api<{ data: { id: string }[] }>(
      'GET',
      `/v1/calls?number=${encodeURIComponent(DIALLED)}`,
    );
    expect(list.body.data).toHaveLength(1);
    const callId = list.body.data[0]?.id ?? '';
    await stack.server.platform.records.settled(callId);
    const detail = await api<CallDetail>('GET', `/v1/calls/${callId}`);
    expect(detail.status).toBe(200);
    const call = detail.body;
    expect(call).toMatchObject({ status: 'completed', agentVersion: 1 });
    expect(call.transcript.find((turn) => turn.speaker === 'caller')?.text).toContain('oil change');
    expect(call.toolCalls.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['lookup_customer', 'get_available_slots', 'book_appointment']),
    );
    expect(call.toolCalls.every((tool) => tool.error === null)).toBe(true);
    expect(call.turnMetrics.length).toBeGreaterThan(0);

    // The recording plays: a stereo WAV, caller left and agent right, as long as the call.
    const recording = await fetch(`${stack.server.url}/v1/calls/${callId}/recording`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(recording.status).toBe(200);
    expect(recording.headers.get('content-type')).toContain('audio/wav');
    const wav = parseWav(new Uint8Array(await recording.arrayBuffer()));
    expect(wav.sampleRate).toBe(8000);
    expect(wav.channels).toHaveLength(2);
    const energy = (samples: Int16Array) =>
      samples.reduce((sum, sample) => sum + Math.abs(sample), 0) / samples.length;
    expect(energy(wav.channels[0]!)).toBeGreaterThan(50);
    expect(energy(wav.channels[1]!)).toBeGreaterThan(50);
    expect(call.recording?.durationMs).toBeGreaterThan(3000);

    // And the appointment exists, for the caller's customer.
    const appointments = await api<{
      data: { status: string; serviceType: string; customerId: string }[];
    }>('GET', `/v1/appointments?customerId=${customer.body.id}`);
    expect(appointments.body.data).toEqual([
      expect.objectContaining({ status: 'booked', serviceType: 'oil change' }),
    ]);
  }, 120_000);
});
