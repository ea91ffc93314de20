import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import { captureLogs } from '../../../test/support/log-capture.js';
import { createApiClient } from '../../../test/support/api-client.js';
import { replyToCaller } from '../../../test/support/event-helpers.js';
import { startTestStack, TEST_AGENTS, type TestStack } from '../../../test/support/test-stack.js';
import { MULAW_8K } from '../../audio/audio-frame.js';
import { createAudioConverter } from '../../audio/audio-converter.js';
import type { CallEvent, TranscriptEvent } from '../../engine/call-events.js';
import type { OrgPrincipal } from '../../platform/api/api-principal.js';
import { createApiKey, findApiKeyPrincipal } from '../../platform/tenancy/api-keys.js';
import { initialApiKeyPath } from '../../platform/tenancy/bootstrap-api-key.js';
import { BROWSER_AUDIO_FORMAT, BROWSER_FRAME_BYTES } from '../../telephony/browser/index.js';
import { synthesizeVoice } from '../../testing/shared/synthetic-voice.js';
import { waitFor } from '../../testing/shared/wait-for.js';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../testing/webhook-receiver/index.js';
import {
  createTestCallUpgradeHandler,
  type TestCallUpgradeHandler,
} from './test-call-upgrade-handler.js';

const CALLER_LINE = 'I would like to book an oil change.';

/** What a test's browser saw on its socket. */
interface BrowserSide {
  readonly socket: WebSocket;
  /** Text messages, parsed, in order. */
  readonly messages: Record<string, unknown>[];
  /** Bytes of agent audio received. */
  audioBytes: number;
  readonly closed: Promise<{ code: number; reason: string }>;
  events(): CallEvent[];
  callId(): string | undefined;
}

/** Authenticates like the API does: a bearer key, admin or viewer. */
function bearerAuthenticator(stack: () => TestStack) {
  return async (request: IncomingMessage): Promise<OrgPrincipal | undefined> => {
    const secret = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (secret === undefined) return undefined;
    const found = await findApiKeyPrincipal(stack().server.platform.database, secret);
    if (found === undefined) return undefined;
    return {
      kind: 'api-key',
      keyId: found.keyId,
      orgId: found.orgId,
      scopes: found.role === 'admin' ? ['admin'] : ['read'],
    };
  };
}

/** A small HTTP server whose upgrades go to `handler` (the lead mounts it on the real one). */
async function serveUpgrades(
  handler: TestCallUpgradeHandler,
): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head) => {
    if (!handler.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function openBrowser(url: string, apiKey: string | undefined): BrowserSide {
  const socket = new WebSocket(url, {
    headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
  });
  const side: BrowserSide = {
    socket,
    messages: [],
    audioBytes: 0,
    closed: new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    ),
    events: () =>
      side.messages
        .filter((message) => message.type === 'event')
        .map((message) => message.event as CallEvent),
    callId: () =>
      side.messages.find((message) => message.type === 'call')?.callId as string | undefined,
  };
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = data as Buffer;
    if (isBinary) side.audioBytes += bytes.byteLength;
    else side.messages.push(JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
  });
  socket.on('error', () => {});
  return side;
}

/** A microphone: 20 ms of PCM every 20 ms, speech when there is some queued, silence otherwise. */
function startMicrophone(socket: WebSocket) {
  let queued = new Uint8Array(0);
  const timer = setInterval(() => {
    if (socket.readyState !== WebSocket.OPEN) return;
    const frame = new Uint8Array(BROWSER_FRAME_BYTES);
    frame.set(queued.subarray(0, BROWSER_FRAME_BYTES));
    queued = queued.subarray(Math.min(queued.length, BROWSER_FRAME_BYTES));
    socket.send(frame);
  }, 20);
  return {
    say(text: string) {
      const converter = createAudioConverter(MULAW_8K, BROWSER_AUDIO_FORMAT);
      const body = converter.convert(synthesizeVoice(text));
      const tail = converter.flush();
      queued = Buffer.concat([queued, body, tail]);
    },
    stop: () => clearInterval(timer),
  };
}

const isTranscript = (event: CallEvent): event is TranscriptEvent => event.type === 'transcript';

/** Final agent lines so far: the greeting is the first. */
const agentLines = (browser: BrowserSide): number =>
  browser
    .events()
    .filter((event) => isTranscript(event) && event.speaker === 'agent' && event.final).length;

describe('browser test calls over GET /v1/agents/{agentId}/test-call', () => {
  let stack: TestStack;
  let handler: TestCallUpgradeHandler;
  let full: { url: string; server: Server };
  let noLines: TestCallUpgradeHandler;
  let busy: { url: string; server: Server };
  let closing: TestCallUpgradeHandler;
  let closingServed: { url: string; server: Server };
  let receiver: WebhookReceiver;
  let adminKey: string;
  let viewerKey: string;
  let agentId: string;
  const logs = captureLogs({ level: 'debug' });
  const api = createApiClient(
    () => stack.server.url,
    () => adminKey,
  );

  beforeAll(async () => {
    receiver = await startWebhookReceiver({ respond: () => 200 });
    stack = await startTestStack({
      provisioning: TEST_AGENTS,
      script: [CALLER_LINE],
      llmFirstTokenMs: 50,
      ttsFirstByteMs: 50,
      env: { ALLOW_PRIVATE_NETWORKS: 'true' },
    });
    const { database, defaultOrgId } = stack.server.platform;
    adminKey = (await readFile(initialApiKeyPath(stack.dataDir), 'utf8')).trim();
    viewerKey = (
      await database.forOrganization(defaultOrgId, (trx) =>
        createApiKey(trx, defaultOrgId, { name: 'viewer', role: 'viewer' }),
      )
    ).secret;
    agentId = await database.forOrganization(defaultOrgId, async (trx) => {
      const row = await trx
        .selectFrom('agents')
        .select('id')
        .where('name', '=', 'quick-desk')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    const options = {
      runtime: stack.server.runtime,
      database,
      authenticate: bearerAuthenticator(() => stack),
      logger: logs.logger,
    };
    handler = createTestCallUpgradeHandler(options);
    full = await serveUpgrades(handler);
    noLines = createTestCallUpgradeHandler({ ...options, maxConcurrentCalls: 0 });
    busy = await serveUpgrades(noLines);
    closing = createTestCallUpgradeHandler(options);
    closingServed = await serveUpgrades(closing);
    const endpoint = await api<{ secret: string }>('POST', '/v1/webhook-endpoints', {
      url: receiver.url,
      events: ['call.started', 'call.ended'],
    });
    expect(endpoint.status).toBe(201);
    // A short answer keeps the calls short: its final line comes once it has played.
    stack.demo.openai.setPolicy(replyToCaller({ text: 'Sure.' }));
  }, 60_000);

  afterAll(async () => {
    handler?.close();
    noLines?.close();
    closing?.close();
    for (const served of [full, busy, closingServed]) {
      served?.server.closeAllConnections();
      await new Promise((resolve) => served?.server.close(resolve));
    }
    await stack?.close();
    await receiver?.close();
  });

  it('runs a spoken call like a phone call: events, agent audio, record, recording, webhooks', async () => {
    const browser = openBrowser(`${full.url}/v1/agents/${agentId}/test-call`, adminKey);
    await waitFor(() => browser.callId() !== undefined, 10_000);
    const callId = browser.callId() ?? '';
    expect(browser.messages[0]).toEqual({ type: 'call', callId, sampleRate: 16000 });
    const microphone = startMicrophone(browser.socket);
    try {
      // The greeting plays first; then the caller speaks and the agent answers.
      await waitFor(() => agentLines(browser) >= 1, 10_000);
      microphone.say(CALLER_LINE);
      await waitFor(() => agentLines(browser) >= 2, 15_000);
      // Something malformed mid-call is answered and changes nothing.
      browser.socket.send('{"type":"nonsense"}');
      browser.socket.send(new Uint8Array(3));
      await waitFor(
        () => browser.messages.filter((message) => message.type === 'error').length === 2,
      );
      browser.socket.send('{"type":"hangup"}');
      const closed = await browser.closed;
      expect(closed.code).toBe(1000);
    } finally {
      microphone.stop();
    }

    const events = browser.events();
    expect(events[0]).toMatchObject({ type: 'call-started', callId, carrier: 'browser' });
    const transcripts = events.filter(isTranscript);
    const callerFinal = transcripts.find((event) => event.speaker === 'caller' && event.final);
    expect(callerFinal?.pii.text).toBe(CALLER_LINE);
    expect(transcripts.some((event) => event.speaker === 'caller' && !event.final)).toBe(true);
    expect(events.some((event) => event.type === 'turn-state')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'call-ended', reason: 'caller-hangup' });
    expect(browser.messages.at(-1)).toEqual({ type: 'ended', reason: 'caller-hangup' });
    // At least the greeting, as 16 kHz PCM16: "Hi!" is well over 100 ms.
    expect(browser.audioBytes).toBeGreaterThan(3200);

    // The record, as any API client reads it.
    let call: Record<string, unknown> = {};
    const deadline = Date.now() + 15_000;
    for (;;) {
      const reply = await api<Record<string, unknown>>('GET', `/v1/calls/${callId}`);
      call = reply.body;
      if (call.recording != null || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(call).toMatchObject({
      id: callId,
      carrier: 'browser',
      direction: 'inbound',
      status: 'completed',
      agentName: 'quick-desk',
    });
    const recorded = call.transcript as { speaker: string; text: string }[];
    expect(recorded.some((line) => line.speaker === 'caller' && line.text === CALLER_LINE)).toBe(
      true,
    );
    expect(recorded.some((line) => line.speaker === 'agent' && line.text === 'Sure.')).toBe(true);
    const recording = await fetch(`${stack.server.url}/v1/calls/${callId}/recording`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(recording.status).toBe(200);
    const wav = Buffer.from(await recording.arrayBuffer());
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.readUInt16LE(22)).toBe(2);

    await receiver.waitFor(
      (received) =>
        ['call.started', 'call.ended'].every((type) =>
          received.some(
            (hook) =>
              hook.eventType === type && (hook.body.data.call as { id: string }).id === callId,
          ),
        ),
      15_000,
    );

    // Every line the handler wrote names the call.
    const handlerLines = logs.lines.filter((line) => line.record.testCall !== undefined);
    expect(handlerLines.length).toBeGreaterThan(0);
    expect(handlerLines.every((line) => typeof line.record.callSid === 'string')).toBe(true);
  }, 60_000);

  it('answers typed turns in text mode, with the server feeding silence', async () => {
    const browser = openBrowser(`${full.url}/v1/agents/${agentId}/test-call?mode=text`, adminKey);
    await waitFor(() => browser.callId() !== undefined, 10_000);
    await waitFor(() => agentLines(browser) >= 1, 10_000);
    browser.socket.send('not json at all');
    browser.socket.send('{"type":"text","text":"   "}');
    browser.socket.send(JSON.stringify({ type: 'text', text: 'Can I come in on Friday?' }));
    await waitFor(() => agentLines(browser) >= 2, 10_000);
    const transcripts = browser.events().filter(isTranscript);
    expect(
      transcripts.some(
        (event) =>
          event.speaker === 'caller' &&
          event.final &&
          event.pii.text === 'Can I come in on Friday?',
      ),
    ).toBe(true);
    expect(browser.messages.filter((message) => message.type === 'error')).toHaveLength(2);
    browser.socket.close(1000, 'done');
    await browser.closed;
    const callId = browser.callId() ?? '';
    await stack.waitForEvent((event) => event.type === 'call-ended' && event.callId === callId);
  }, 30_000);

  it('refuses after the upgrade with a reason: 4401, 4403, 4404, 4429, and a bad mode', async () => {
    const attempts = [
      openBrowser(`${full.url}/v1/agents/${agentId}/test-call`, undefined),
      openBrowser(`${full.url}/v1/agents/${agentId}/test-call`, 'sb_not_a_key'),
      openBrowser(`${full.url}/v1/agents/${agentId}/test-call`, viewerKey),
      openBrowser(`${full.url}/v1/agents/00000000-0000-4000-8000-000000000000/test-call`, adminKey),
      openBrowser(`${busy.url}/v1/agents/${agentId}/test-call`, adminKey),
      openBrowser(`${full.url}/v1/agents/${agentId}/test-call?mode=video`, adminKey),
    ];
    const closes = await Promise.all(attempts.map((attempt) => attempt.closed));
    expect(closes.map((close) => close.code)).toEqual([4401, 4401, 4403, 4404, 4429, 1008]);
    expect(closes[2]?.reason).toMatch(/admin/);
    expect(attempts.every((attempt) => attempt.messages.length === 0)).toBe(true);
    // Other paths are not the handler's.
    const other = new WebSocket(`${full.url}/v1/agents/${agentId}/listen`);
    const refused = await new Promise<boolean>((resolve) => {
      other.on('error', () => resolve(true));
      other.on('open', () => resolve(false));
    });
    expect(refused).toBe(true);
  });

  it('ends its calls as shutdown when it is closed, and takes no more', async () => {
    const browser = openBrowser(
      `${closingServed.url}/v1/agents/${agentId}/test-call?mode=text`,
      adminKey,
    );
    await waitFor(() => browser.callId() !== undefined, 10_000);
    const callId = browser.callId() ?? '';
    await waitFor(() => closing.activeConnections === 1);
    closing.close();
    expect((await browser.closed).code).toBe(1000);
    expect(browser.messages.at(-1)).toEqual({ type: 'ended', reason: 'shutdown' });
    const ended = await stack.waitForEvent(
      (event) => event.type === 'call-ended' && event.callId === callId,
    );
    expect(ended).toMatchObject({ reason: 'shutdown' });
    await waitFor(() => closing.activeConnections === 0);
    const late = openBrowser(`${closingServed.url}/v1/agents/${agentId}/test-call`, adminKey);
    expect((await late.closed).code).toBe(4429);
  });
});
