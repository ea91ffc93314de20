import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { initialApiKeyPath } from '../src/platform/tenancy/bootstrap-api-key.js';
import { startTcpProxy, type TcpProxy } from '../src/testing/database/tcp-proxy.js';
import { startTestStack, TEST_AGENTS, type TestStack } from './support/test-stack.js';

const CALLER_LINES = ['Hi, I need my car looked at.', 'It makes a noise when I brake.', 'Goodbye.'];

/** A real call on a server whose PostgreSQL goes away in the middle of it, then comes back. */
describe.runIf(process.env.TEST_DATABASE_URL)('the database going away mid-call', () => {
  let stack: TestStack | undefined;
  let proxy: TcpProxy | undefined;
  const schema = `outage_${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    proxy?.restore();
    await stack?.close();
    await proxy?.close();
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  it('leaves a complete call record once it is back', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL ?? '');
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    stack = await startTestStack({
      provisioning: TEST_AGENTS,
      script: CALLER_LINES,
      env: { DATABASE_URL: url.toString(), DATABASE_SCHEMA: schema },
    });
    const callRun = stack.call(CALLER_LINES.map((say) => ({ say })));
    // Cut the database once the call is answered and talking; bring it back seconds later.
    await stack.waitForEvent((event) => event.type === 'turn-metrics', 30_000);
    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    proxy.restore();
    const report = await callRun;
    expect(report.outcome).toBe('completed');
    const ended = await stack.callEnded(report.callSid);
    await stack.server.platform.records.settled(ended.callId);

    const apiKey = (await readFile(initialApiKeyPath(stack.dataDir), 'utf8')).trim();
    const response = await fetch(`${stack.server.url}/v1/calls/${ended.callId}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(response.status).toBe(200);
    const call = (await response.json()) as {
      status: string;
      endReason: string;
      transcript: { speaker: string; text: string }[];
      turnMetrics: unknown[];
      recording: { durationMs: number } | null;
    };
    expect(call.status).toBe('completed');
    expect(call.endReason).toBe(ended.reason);
    expect(
      call.transcript.filter((turn) => turn.speaker === 'caller').map((turn) => turn.text),
    ).toEqual(expect.arrayContaining([expect.stringContaining('brake')]));
    expect(call.turnMetrics.length).toBeGreaterThanOrEqual(2);
    expect(call.recording?.durationMs).toBeGreaterThan(3000);
  }, 120_000);
});
