import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { CallEvent } from '../../engine/call-events.js';
import { silentLogger } from '../../logging/logger.js';
import type { OrgPrincipal } from '../../platform/api/api-principal.js';
import { createApi } from '../../platform/api/create-api.js';
import { createApiKey, findApiKeyPrincipal } from '../../platform/tenancy/api-keys.js';
import { initialApiKeyPath } from '../../platform/tenancy/bootstrap-api-key.js';
import { createOrganization } from '../../platform/tenancy/organizations.js';
import { replyToCaller } from '../../../test/support/event-helpers.js';
import { startTestStack, TEST_AGENTS, type TestStack } from '../../../test/support/test-stack.js';
import {
  createListenUpgradeHandler,
  createLiveCallRoutes,
  LiveCallHub,
  type ListenUpgradeHandler,
  type LiveCall,
} from './index.js';

/** One server-sent event as a client reads it. */
interface SseMessage {
  readonly event: string;
  readonly data: unknown;
}

/** Reads an event stream in the background, the way a browser's EventSource would. */
class SseClient {
  readonly messages: SseMessage[] = [];
  keepAlives = 0;
  readonly ended: Promise<void>;
  readonly #abort = new AbortController();
  readonly #waiters = new Set<() => void>();

  constructor(response: Response) {
    this.ended = this.#read(response).finally(() => this.#wake());
  }

  static async open(url: string, apiKey: string): Promise<{ status: number; client: SseClient }> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${apiKey}`, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    const client = new SseClient(response);
    client.#abort.signal.addEventListener('abort', () => abort.abort());
    return { status: response.status, client };
  }

  async waitFor(predicate: (message: SseMessage) => boolean, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error('no matching server-sent event in time');
      await new Promise<void>((resolve) => {
        this.#waiters.add(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): void {
    this.#abort.abort();
  }

  #wake(): void {
    for (const waiter of this.#waiters) waiter();
    this.#waiters.clear();
  }

  async #read(response: Response): Promise<void> {
    if (response.body === null) return;
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of response.body) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          if (block.startsWith(':')) this.keepAlives++;
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined)
            this.messages.push({ event, data: JSON.parse(data) as unknown });
        }
        this.#wake();
      }
    } catch {
      // Aborted by the test.
    }
  }
}

/** A listen-in socket and what it received. */
interface Listener {
  readonly texts: Record<string, unknown>[];
  readonly lanes: Map<number, number>;
  readonly oddFrames: number;
  readonly closed: Promise<{ code: number; reason: string }>;
}

function listen(url: string, apiKey?: string): Listener {
  const socket = new WebSocket(url, {
    headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
  });
  const listener = {
    texts: [] as Record<string, unknown>[],
    lanes: new Map<number, number>(),
    oddFrames: 0,
    closed: new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    ),
  };
  socket.on('message', (data, isBinary) => {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
    if (!isBinary) {
      listener.texts.push(JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
      return;
    }
    const lane = bytes[0] ?? -1;
    listener.lanes.set(lane, (listener.lanes.get(lane) ?? 0) + 1);
    if (bytes.length % 2 !== 1) listener.oddFrames++;
  });
  return listener;
}

const callEvents = (client: SseClient): CallEvent[] =>
  client.messages
    .filter((message) => message.event === 'call-event')
    .map((m) => m.data as CallEvent);

describe('live calls over HTTP and WebSocket, on a real call', () => {
  let stack: TestStack;
  let hub: LiveCallHub;
  let detach: () => void;
  let liveServer: Server;
  let listenHandler: ListenUpgradeHandler;
  let baseUrl: string;
  let apiKey: string;
  let otherApiKey: string;

  beforeAll(async () => {
    stack = await startTestStack({
      provisioning: TEST_AGENTS,
      script: ['What time do you open tomorrow morning?'],
      llmFirstTokenMs: 50,
      ttsFirstByteMs: 50,
    });
    stack.demo.openai.setPolicy(replyToCaller({ text: 'We open at eight.' }));
    const { platform, runtime } = stack.server;
    // A tap that throws on every frame: neither the recorder, the hub nor the call may notice.
    runtime.onCallPrepared(() => ({
      onCallerAudio: () => {
        throw new Error('broken tap');
      },
      onAgentAudio: () => {
        throw new Error('broken tap');
      },
    }));
    hub = new LiveCallHub();
    detach = hub.attach(runtime);
    // The API as the server mounts it, with the live routes as extra routes.
    const api = createApi({
      database: platform.database,
      secrets: platform.secrets,
      storage: platform.storage,
      jobs: platform.postCall.jobs,
      publicUrl: stack.server.publicUrl,
      onCredentialsChanged: async () => {},
      logger: silentLogger,
      rateLimitPerMinute: 100_000,
      extraRoutes: createLiveCallRoutes({
        hub,
        database: platform.database,
        hangup: (callId) => runtime.endCall(callId),
        stream: { keepAliveMs: 200 },
      }),
    });
    // What the lead's authenticator does for an API key (the session cookie is not needed here).
    const authenticate = async (request: IncomingMessage): Promise<OrgPrincipal | undefined> => {
      const secret = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const found =
        secret === undefined ? undefined : await findApiKeyPrincipal(platform.database, secret);
      if (found === undefined) return undefined;
      return {
        kind: 'api-key',
        keyId: found.keyId,
        orgId: found.orgId,
        scopes: found.role === 'admin' ? ['admin'] : ['read'],
      };
    };
    listenHandler = createListenUpgradeHandler({ hub, authenticate });
    liveServer = createServer(getRequestListener(api.fetch));
    liveServer.on('upgrade', (request, socket, head) => {
      if (!listenHandler.handleUpgrade(request, socket, head))
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    });
    await new Promise<void>((resolve) => liveServer.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(liveServer.address() as AddressInfo).port}`;

    apiKey = (await readFile(initialApiKeyPath(stack.dataDir), 'utf8')).trim();
    const other = await createOrganization(platform.database, { name: 'Other Garage' });
    otherApiKey = (
      await platform.database.forOrganization(other.id, (trx) =>
        createApiKey(trx, other.id, { name: 'other' }),
      )
    ).secret;
  }, 60_000);

  afterAll(async () => {
    // The order the server closes in: calls end, then the hub and listen-in, then HTTP.
    await stack?.server.runtime.shutdown(2000);
    hub?.close();
    listenHandler?.close();
    detach?.();
    await new Promise<void>((resolve) =>
      liveServer ? liveServer.close(() => resolve()) : resolve(),
    );
    await stack?.close();
  });

  const request = (method: string, path: string, key = apiKey) =>
    fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${key}` } });
  const wsUrl = (callId: string) => `${baseUrl.replace('http', 'ws')}/v1/calls/${callId}/listen`;

  let callId: string;

  it('follows a call live, lets another organisation see nothing, and hangs it up', async () => {
    const organization = await SseClient.open(`${baseUrl}/v1/live-calls/stream`, apiKey);
    expect(organization.status).toBe(200);
    const lists = organization.client;
    await lists.waitFor((message) => message.event === 'live-calls');
    expect(lists.messages[0]).toEqual({ event: 'live-calls', data: { data: [] } });

    const caller = stack.call([{ say: 'What time do you open tomorrow morning?' }], {
      endWaitMs: 30_000,
    });
    const started = await lists.waitFor(
      (message) => (message.data as { data: LiveCall[] }).data.length === 1,
    );
    const live = (started.data as { data: LiveCall[] }).data[0]!;
    callId = live.callId;
    expect(live).toMatchObject({
      agentName: 'quick-desk',
      direction: 'inbound',
      carrier: 'twilio',
    });

    const followed = await SseClient.open(`${baseUrl}/v1/calls/${callId}/live`, apiKey);
    expect(followed.status).toBe(200);
    const call = followed.client;
    const listener = listen(wsUrl(callId), apiKey);
    // A second follower that leaves mid-call takes its subscription with it.
    const leaving = (await SseClient.open(`${baseUrl}/v1/calls/${callId}/live`, apiKey)).client;
    await leaving.waitFor((message) => message.event === 'snapshot');
    expect(hub.stats().callWatchers).toBe(2);
    leaving.close();
    for (let attempt = 0; attempt < 50 && hub.stats().callWatchers > 1; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hub.stats().callWatchers).toBe(1);

    // Another organisation: no such call, nothing listed, no listening in.
    expect((await request('GET', `/v1/calls/${callId}/live`, otherApiKey)).status).toBe(404);
    expect((await request('POST', `/v1/calls/${callId}/hangup`, otherApiKey)).status).toBe(404);
    const otherList = await request('GET', '/v1/live-calls', otherApiKey);
    expect(await otherList.json()).toEqual({ data: [] });
    expect(await listen(wsUrl(callId), otherApiKey).closed).toMatchObject({ code: 4404 });
    const ownList = (await (await request('GET', '/v1/live-calls')).json()) as { data: LiveCall[] };
    expect(ownList.data.map((entry) => entry.callId)).toEqual([callId]);

    // The caller speaks (partials, then the committed turn), the agent answers.
    await call.waitFor(
      (message) =>
        message.event === 'call-event' &&
        (message.data as CallEvent).type === 'transcript' &&
        (message.data as { speaker: string; final: boolean }).speaker === 'agent' &&
        (message.data as { pii: { text: string } }).pii.text === 'We open at eight.',
      30_000,
    );
    const hangup = await request('POST', `/v1/calls/${callId}/hangup`);
    expect(hangup.status).toBe(202);
    expect(await hangup.json()).toEqual({ callId });
    await call.ended;

    const snapshot = call.messages[0];
    expect(snapshot?.event).toBe('snapshot');
    const { call: first, events: earlier } = snapshot?.data as {
      call: LiveCall;
      events: CallEvent[];
    };
    expect(first.callId).toBe(callId);
    expect(earlier[0]?.type).toBe('call-started');
    // Snapshot then events: one gap-free sequence, except for superseded partials.
    const all = [...earlier, ...callEvents(call)];
    expect(all.map((event) => event.seq)).toEqual(
      [...all.map((event) => event.seq)].sort((a, b) => a - b),
    );
    expect(new Set(all.map((event) => event.seq)).size).toBe(all.length);
    expect(all.some((event) => event.type === 'transcript' && !event.final)).toBe(true);
    expect(
      all.some((event) => event.type === 'transcript' && event.final && event.speaker === 'caller'),
    ).toBe(true);
    expect(all.filter((event) => event.type === 'turn-state').map((event) => event.state)).toEqual(
      expect.arrayContaining(['listening', 'thinking', 'speaking']),
    );
    expect(all.at(-1)).toMatchObject({ type: 'call-ended', reason: 'agent-hangup' });

    // The call left the organisation's list; keep-alives flowed meanwhile.
    const startedAt = lists.messages.indexOf(started);
    await lists.waitFor(
      (message) =>
        lists.messages.indexOf(message) > startedAt &&
        (message.data as { data: LiveCall[] }).data.length === 0,
    );
    expect(lists.keepAlives).toBeGreaterThan(0);
    expect(hub.stats().organizationWatchers).toBe(1);
    // A client that goes away is forgotten.
    lists.close();
    for (let attempt = 0; attempt < 50 && hub.stats().organizationWatchers > 0; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hub.stats().organizationWatchers).toBe(0);

    // Listen-in heard both sides, framed as documented, then the end.
    expect(await listener.closed).toEqual({ code: 1000, reason: 'call ended' });
    expect(listener.texts[0]).toEqual({ type: 'listening', callId, sampleRate: 16000 });
    expect(listener.texts.at(-1)).toEqual({ type: 'ended', reason: 'agent-hangup' });
    expect(listener.lanes.get(0) ?? 0).toBeGreaterThan(10);
    expect(listener.lanes.get(1) ?? 0).toBeGreaterThan(10);
    expect([...listener.lanes.keys()].sort()).toEqual([0, 1]);
    expect(listener.oddFrames).toBe(0);

    const report = await caller;
    expect(report.endedBy).toBe('server');
  }, 60_000);

  it('records the hang-up, and answers for a call that is no longer live', async () => {
    let record: { endReason: string | null; hasRecording: boolean } | undefined;
    for (let attempt = 0; attempt < 100 && record?.endReason == null; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      record = (await (await request('GET', `/v1/calls/${callId}`)).json()) as typeof record;
    }
    expect(record).toMatchObject({ endReason: 'agent-hangup', hasRecording: true });

    const again = await request('POST', `/v1/calls/${callId}/hangup`);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'call_not_live' });

    const ended = await SseClient.open(`${baseUrl}/v1/calls/${callId}/live`, apiKey);
    await ended.client.ended;
    expect(ended.client.messages).toEqual([{ event: 'not-live', data: { callId } }]);
    expect(await listen(wsUrl(callId), apiKey).closed).toMatchObject({ code: 4404 });

    const unknown = randomUUID();
    const missing = await request('GET', `/v1/calls/${unknown}/live`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect((await request('POST', `/v1/calls/${unknown}/hangup`)).status).toBe(404);
  });

  it('refuses listen-in without a valid key and leaves other paths to other handlers', async () => {
    expect(await listen(wsUrl(randomUUID())).closed).toMatchObject({ code: 4401 });
    expect(await listen(wsUrl(randomUUID()), 'sb_not-a-key').closed).toMatchObject({
      code: 4401,
    });
    const elsewhere = new WebSocket(`${baseUrl.replace('http', 'ws')}/v1/calls/not-a-uuid/listen`);
    const failure = await new Promise<string>((resolve) =>
      elsewhere.on('unexpected-response', (_request, response) =>
        resolve(String(response.statusCode)),
      ),
    );
    expect(failure).toBe('404');
    expect(hub.stats()).toEqual({
      calls: 0,
      callWatchers: 0,
      organizationWatchers: 0,
      listeners: 0,
    });
  });

  it('documents the routes in the OpenAPI document', async () => {
    const document = (await (await fetch(`${baseUrl}/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(document.paths['/v1/live-calls/stream']?.get?.responses ?? {})).toContain(
      '200',
    );
    expect(Object.keys(document.paths['/v1/calls/{callId}/hangup']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '404', '409']),
    );
  });
});
