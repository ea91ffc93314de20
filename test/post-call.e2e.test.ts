import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialApiKeyPath } from '../src/platform/tenancy/bootstrap-api-key.js';
import {
  chromiumRequired,
  hasChromium,
  startLegibilityChecker,
} from '../src/testing/email-legibility/email-legibility.js';
import { startFakeSmtpServer } from '../src/testing/smtp/index.js';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../src/testing/webhook-receiver/index.js';
import { createApiClient } from './support/api-client.js';
import { startTestStack, TEST_AGENTS, type TestStack } from './support/test-stack.js';

/**
 * The README's verification recipe, word for word: HMAC-SHA256 of `${timestamp}.${rawBody}` with
 * the endpoint secret, hex, compared with the `v1=` value in constant time.
 */
function verifySwitchboardSignature(
  secret: string,
  timestamp: string,
  signatureHeader: string,
  rawBody: string,
): boolean {
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return signatureHeader.split(',').some((part) => {
    const value = part.trim();
    return (
      value.startsWith('v1=') &&
      value.length === expected.length + 3 &&
      timingSafeEqual(Buffer.from(value.slice(3)), Buffer.from(expected))
    );
  });
}

describe('after a call: webhooks in order, the analysis, and the summary email', () => {
  let stack: TestStack;
  let smtp: Awaited<ReturnType<typeof startFakeSmtpServer>>;
  let receiver: WebhookReceiver;
  let apiKey: string;
  let fixtureDir: string;

  const api = createApiClient(
    () => stack.server.url,
    () => apiKey,
  );

  beforeAll(async () => {
    smtp = await startFakeSmtpServer();
    receiver = await startWebhookReceiver({
      respond: () => 200,
    });
    // The test agents with the LLM analysis on (the other end-to-end tests keep it off).
    fixtureDir = await mkdtemp(join(tmpdir(), 'switchboard-post-call-'));
    const provisioning = join(fixtureDir, 'agents.yaml');
    const agents = await readFile(TEST_AGENTS, 'utf8');
    await writeFile(
      provisioning,
      agents.replace(
        /^ {4}analysis:\n {6}enabled: false\n/m,
        '    analysis:\n      enabled: true\n      goal: Book the service the caller asks for\n      fields:\n        service_requested: { type: string }\n',
      ),
    );
    stack = await startTestStack({
      provisioning,
      env: { SMTP_URL: smtp.url, ALLOW_PRIVATE_NETWORKS: 'true' },
    });
    apiKey = (await readFile(initialApiKeyPath(stack.dataDir), 'utf8')).trim();
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
    await smtp?.close();
    if (fixtureDir !== undefined) await rm(fixtureDir, { recursive: true, force: true });
  });

  it('delivers call.started, call.ended and call.analyzed in order, signed, and emails a legible summary', async () => {
    const endpoint = await api<{ id: string; secret: string }>('POST', '/v1/webhook-endpoints', {
      url: receiver.url,
      events: ['call.started', 'call.ended', 'call.analyzed'],
    });
    expect(endpoint.status).toBe(201);
    receiver.setSecret(endpoint.body.secret);
    const settings = await api('PATCH', '/v1/organization', {
      summaryEmail: { recipients: ['service@example.com'], minDurationSeconds: 0 },
    });
    expect(settings.status).toBe(200);

    const report = await stack.call(
      [{ say: "Hi, I'd like to book an oil change for my car." }, { say: 'Thanks, goodbye.' }],
      { endWaitMs: 20_000 },
    );
    expect(report.outcome).toBe('completed');

    await receiver.waitFor((received) => received.length >= 3, 60_000);
    const hooks = receiver.received;
    expect(hooks.map((hook) => hook.eventType)).toEqual([
      'call.started',
      'call.ended',
      'call.analyzed',
    ]);
    const callId = (hooks[0]?.body.data.call as { id: string }).id;
    expect(hooks.every((hook) => (hook.body.data.call as { id: string }).id === callId)).toBe(true);
    // Each carries its own event id, repeated in the header for idempotency.
    expect(new Set(hooks.map((hook) => hook.body.id)).size).toBe(3);
    expect(hooks.every((hook) => hook.eventId === hook.body.id)).toBe(true);

    // Signatures, checked with nothing but the documented recipe, on the bytes that arrived.
    for (const hook of hooks) {
      expect(
        verifySwitchboardSignature(
          endpoint.body.secret,
          hook.timestamp,
          hook.signature,
          hook.rawBody,
        ),
      ).toBe(true);
      expect(
        verifySwitchboardSignature('whsec_wrong', hook.timestamp, hook.signature, hook.rawBody),
      ).toBe(false);
    }

    // call.ended is the whole record but the analysis; call.analyzed carries it.
    const ended = hooks[1]?.body.data.call as Record<string, unknown>;
    expect(ended).toMatchObject({ id: callId, status: 'completed' });
    expect(ended).not.toHaveProperty('analysis');
    expect((ended.transcript as unknown[]).length).toBeGreaterThan(0);
    const analysis = hooks[2]?.body.data.analysis as {
      summary: string | null;
      source: string;
      fields: Record<string, unknown> | null;
    };
    expect(analysis.source).toBe('llm');
    expect(analysis.fields).toHaveProperty('service_requested');
    expect(analysis.summary?.length).toBeGreaterThan(10);

    // The API shows the same analysis on the call, and every delivery as delivered.
    const detail = await api<{ analysis: { summary: string } | null; analysisStatus: string }>(
      'GET',
      `/v1/calls/${callId}`,
    );
    expect(detail.body.analysisStatus).toBe('done');
    expect(detail.body.analysis?.summary).toBe(analysis.summary);
    const deliveries = await api<{ data: { status: string; eventType: string }[] }>(
      'GET',
      `/v1/webhook-deliveries?callId=${callId}`,
    );
    expect(deliveries.body.data.map((delivery) => delivery.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);

    // The summary email reached the SMTP server, with both parts, and its summary can be seen.
    const [email] = await smtp.waitForMessages(1, 60_000);
    expect(email?.envelopeTo).toEqual(['service@example.com']);
    expect(email?.text).toContain(analysis.summary ?? '');
    expect(email?.html).toContain(`/calls/${callId}`);
    const emails = await api<{ data: { status: string; callId: string }[] }>(
      'GET',
      `/v1/emails?callId=${callId}`,
    );
    expect(emails.body.data).toEqual([expect.objectContaining({ status: 'sent', callId })]);
    if (hasChromium || chromiumRequired) {
      const checker = await startLegibilityChecker();
      try {
        for (const scheme of ['light', 'dark'] as const) {
          const found = await checker.inspect(
            email?.html ?? '',
            scheme,
            (analysis.summary ?? '').slice(0, 30),
          );
          expect(found.length).toBeGreaterThan(0);
          expect(found.every((text) => text.legible)).toBe(true);
        }
      } finally {
        await checker.close();
      }
    }
  }, 180_000);
});
