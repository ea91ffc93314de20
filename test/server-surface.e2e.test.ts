import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer } from '../src/cli/boot.js';
import { UNAVAILABLE_MESSAGE } from '../src/server/call-runtime.js';
import type { FakePolicy } from '../src/testing/fake-openai/index.js';
import { agentLines, eventsOfType, isAgentLine, lastMessageText } from './support/event-helpers.js';
import { captureLogs, topLevelKeys, type LogCapture } from './support/log-capture.js';
import { startTestStack, TEST_AGENTS, type TestStack } from './support/test-stack.js';

const GOODBYE_REASON = 'caller is done, ref 77341';

/** Echoes the caller; hangs up on a goodbye with a tool argument worth hiding. */
const echoPolicy: FakePolicy = (request) => {
  if (request.messages.at(-1)?.role === 'tool') return { text: 'Okay.' };
  const heard = lastMessageText(request);
  if (/goodbye/i.test(heard)) {
    return {
      text: 'Bye!',
      toolCalls: [{ name: 'end_call', arguments: { reason: GOODBYE_REASON } }],
    };
  }
  return { text: `You said ${heard}` };
};

interface ReadyBody {
  readonly status: string;
  readonly missing: readonly string[];
  readonly activeCalls: number;
}

/** Health, readiness, metrics, graceful shutdown and log hygiene of a running server. */
describe('server surface', () => {
  describe('health, readiness and metrics', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({
        provisioning: TEST_AGENTS,
        script: ['Thanks, goodbye.'],
        llmFirstTokenMs: 100,
        ttsFirstByteMs: 100,
      });
      stack.demo.openai.setPolicy(echoPolicy);
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('answers /healthz and reports ready on /readyz with the demo environment', async () => {
      const health = await fetch(`${stack.server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        publicUrl: stack.server.publicUrl,
      });
      const ready = await fetch(`${stack.server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', missing: [], activeCalls: 0 });
    }, 60_000);

    it('serves Prometheus text on /metrics with active calls, calls by outcome and turn latency', async () => {
      const before = await readMetrics(stack);
      expect(before.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(before.text).toContain('# TYPE switchboard_active_calls gauge');
      expect(sample(before.text, 'switchboard_active_calls')).toBe(0);

      const caller = stack.call([{ say: 'Thanks, goodbye.' }], { endWaitMs: 20_000 });
      const started = await stack.waitForEvent((event) => event.type === 'call-started');
      const activeDuringCall = sample((await readMetrics(stack)).text, 'switchboard_active_calls');
      const report = await caller;
      const ended = await stack.callEnded(report.callSid);
      expect(started.callId).toBe(ended.callId);
      expect(ended.reason).toBe('agent-hangup');

      const after = (await readMetrics(stack)).text;
      expect(activeDuringCall).toBe(1);
      expect(sample(after, 'switchboard_active_calls')).toBe(0);
      expect(after).toContain('# TYPE switchboard_calls_total counter');
      expect(sample(after, 'switchboard_calls_total{outcome="agent-hangup"}')).toBe(1);
      expect(after).toContain('# TYPE switchboard_turn_latency_seconds histogram');
      const turns = eventsOfType(stack.eventsOf(report.callSid), 'turn-metrics').length;
      expect(turns).toBeGreaterThanOrEqual(1);
      for (const stage of ['endpointing', 'stt', 'llm', 'tts', 'overhead', 'total']) {
        expect(sample(after, `switchboard_turn_latency_seconds_count{stage="${stage}"}`)).toBe(
          turns,
        );
        expect(
          sample(after, `switchboard_turn_latency_seconds_bucket{le="+Inf",stage="${stage}"}`),
        ).toBe(turns);
      }
      expect(sample(after, 'switchboard_tool_calls_total{tool="end_call",outcome="ok"}')).toBe(1);
    }, 90_000);

    it('reports not ready (503) with the reasons when PUBLIC_URL or the carrier credentials are missing', async () => {
      const {
        PUBLIC_URL,
        TWILIO_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN,
        TWILIO_API_BASE_URL,
        ...providers
      } = stack.demo.env;
      expect(
        [PUBLIC_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_BASE_URL].every(Boolean),
      ).toBe(true);
      const local = {
        ...providers,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATA_DIR: join(stack.dataDir, 'other'),
      };

      const bare = await bootServer(local, { defaultProvisioning: TEST_AGENTS });
      try {
        const response = await fetch(`${bare.url}/readyz`);
        expect(response.status).toBe(503);
        const body = (await response.json()) as ReadyBody;
        expect(body.status).toBe('not-ready');
        expect(body.missing).toHaveLength(2);
        expect(body.missing.some((reason) => reason.includes('PUBLIC_URL'))).toBe(true);
        expect(body.missing.some((reason) => reason.includes('TWILIO_ACCOUNT_SID'))).toBe(true);
        // Still alive, and with no carrier account every webhook is refused as unsigned.
        expect((await fetch(`${bare.url}/healthz`)).status).toBe(200);
        expect((await fetch(`${bare.url}/twilio/voice`, { method: 'POST' })).status).toBe(403);
      } finally {
        await bare.close();
      }

      const noPublicUrl = await bootServer(
        { ...local, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_BASE_URL } as Record<
          string,
          string
        >,
        { defaultProvisioning: TEST_AGENTS },
      );
      try {
        const response = await fetch(`${noPublicUrl.url}/readyz`);
        expect(response.status).toBe(503);
        const body = (await response.json()) as ReadyBody;
        expect(body.missing).toHaveLength(1);
        expect(body.missing[0]).toContain('PUBLIC_URL');
      } finally {
        await noPublicUrl.close();
      }
    }, 60_000);
  });

  describe('graceful shutdown', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({
        provisioning: TEST_AGENTS,
        script: ['Hello there.'],
        llmFirstTokenMs: 100,
        ttsFirstByteMs: 100,
        env: { SHUTDOWN_TIMEOUT_MS: '500' },
      });
      stack.demo.openai.setPolicy(echoPolicy);
    });
    afterAll(async () => {
      // The server was closed by the test; only the fakes are left.
      await stack?.demo.close();
    });

    it('ends a call in flight through the carrier with reason shutdown and stops taking calls', async () => {
      const caller = stack.call([{ say: 'Hello there.' }], { endWaitMs: 60_000 });
      await stack.waitForEvent((event) => isAgentLine(event, 'Hi!'), 30_000);
      const started = eventsOfType(stack.events, 'call-started')[0];
      expect(started).toBeDefined();
      const callSid = started?.carrierCallId ?? '';

      const closing = stack.server.close();
      // From the moment shutdown begins, the server says so and refuses new calls.
      expect(stack.server.readiness()).toEqual({
        ready: false,
        missing: ['shutting down: not taking new calls'],
      });
      await expect(
        stack.server.runtime.route({
          carrier: 'twilio',
          carrierCallId: 'CA0',
          accountId: 'AC0',
          from: '+15550199999',
          to: '+15550100000',
        }),
      ).resolves.toMatchObject({
        kind: 'reject',
        say: UNAVAILABLE_MESSAGE,
      });
      await closing;

      const ended = await stack.callEnded(callSid, 5000);
      expect(ended.reason).toBe('shutdown');
      const hangups = stack.demo.twilio.requests.filter((request) => request.callSid === callSid);
      expect(hangups).toHaveLength(1);
      expect(hangups[0]).toMatchObject({
        method: 'POST',
        authorized: true,
        status: 200,
        params: { Status: 'completed' },
      });
      const report = await caller;
      expect(report.callSid).toBe(callSid);
      expect(report.endedBy).toBe('server');
      expect(stack.server.runtime.activeCalls).toBe(0);
      await expect(fetch(`${stack.server.url}/healthz`)).rejects.toThrow();
    }, 90_000);
  });

  describe('logs with LOG_REDACT_PII=true', () => {
    const CALLER_NUMBER = '+15550123456';
    let stack: TestStack;
    let logs: LogCapture;
    let callSid = '';
    beforeAll(async () => {
      logs = captureLogs({ level: 'debug', redactPii: true });
      stack = await startTestStack({
        provisioning: TEST_AGENTS,
        script: ['My plate is Kilo Xray 4471.', 'Thanks, goodbye.'],
        llmFirstTokenMs: 100,
        ttsFirstByteMs: 100,
        env: { LOG_REDACT_PII: 'true' },
        logger: logs.logger,
      });
      stack.demo.openai.setPolicy(echoPolicy);
      const report = await stack.call(
        [{ say: 'My plate is K X 4471.' }, { say: 'Thanks, goodbye.' }],
        {
          from: CALLER_NUMBER,
          endWaitMs: 20_000,
        },
      );
      callSid = report.callSid;
      await stack.callEnded(callSid);
    }, 90_000);
    afterAll(async () => {
      await stack?.close();
    });

    it("never logs the caller's number, transcripts or tool arguments", () => {
      const events = stack.eventsOf(callSid);
      expect(eventsOfType(events, 'call-ended')[0]?.reason).toBe('agent-hangup');
      const texts = eventsOfType(events, 'transcript').map((event) => event.pii.text);
      expect(texts.length).toBeGreaterThanOrEqual(4);
      expect(agentLines(events).map((event) => event.pii.text)).toContain('Bye!');

      const secrets = [
        CALLER_NUMBER,
        CALLER_NUMBER.slice(1),
        GOODBYE_REASON,
        ...texts.filter((text) => text.length > 6),
      ];
      expect(logs.lines.length).toBeGreaterThan(10);
      for (const line of logs.lines) {
        for (const secret of secrets) expect(line.raw).not.toContain(secret);
      }
      // The personal data was there to leak: it was logged, under `pii`, and redacted.
      expect(logs.withMessage('incoming call')[0]?.record).toMatchObject({
        callSid,
        pii: '[redacted]',
      });
      expect(
        logs.withMessage('caller turn committed').every((line) => line.record.pii === '[redacted]'),
      ).toBe(true);
    });

    // Provider streams log through the call's logger (stream options carry it), so their lines
    // ("Deepgram stream opened", "openai chat request started", …) name the call too.
    it('names the call (callSid or callId) on every line logged while it runs', () => {
      const first = logs.lines.findIndex((line) => line.record.callSid === callSid);
      const last = logs.lines.findLastIndex(
        (line) => line.record.callSid === callSid && line.record.msg === 'call ended',
      );
      expect(first).toBeGreaterThanOrEqual(0);
      expect(last).toBeGreaterThan(first);
      // Before `start` a media stream is only a connection number; its `start` line ties it to the call.
      const connections = new Set(
        logs
          .withMessage('media stream started')
          .filter((line) => line.record.callSid === callSid)
          .map((line) => line.record.connection),
      );
      const unnamed = logs.lines
        .slice(first, last + 1)
        .filter(({ record }) => record.callSid !== callSid && record.callId === undefined)
        .filter(
          ({ record }) => record.connection === undefined || !connections.has(record.connection),
        )
        .map(({ record }) => record.msg);
      expect(unnamed).toEqual([]);
    });

    // Strict JSON log pipelines reject a line that carries a key twice (e.g. a child logger's
    // binding repeated as a line attribute).
    it('writes every attribute once per line (no duplicate JSON keys)', () => {
      const duplicated = logs.lines
        .map((line) => ({ msg: line.record.msg, keys: topLevelKeys(line.raw) }))
        .filter(({ keys }) => new Set(keys).size !== keys.length)
        .map(({ msg }) => msg);
      expect([...new Set(duplicated)]).toEqual([]);
    });
  });
});

async function readMetrics(stack: TestStack): Promise<{ text: string; contentType: string }> {
  const response = await fetch(`${stack.server.url}/metrics`);
  expect(response.status).toBe(200);
  return { text: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
