import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolContext } from '../../engine/tool.js';
import { createHttpTool, type HttpToolOptions } from './create-http-tool.js';
import type { HttpToolDefinitionInput } from './http-tool-definition.js';
import { verifyHttpToolSignature } from './http-tool-signature.js';

const SECRET = 'whsec_test_0123456789';
const NOW = Date.UTC(2025, 0, 2, 3, 4, 5);

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

const received: Received[] = [];
let server: Server;
let base: string;

function route(request: IncomingMessage, response: ServerResponse, body: Buffer): void {
  const path = new URL(request.url ?? '/', 'http://receiver').pathname;
  const json = (status: number, value: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };
  if (path === '/slow') return; // never answers
  if (path === '/missing') return json(404, { error: 'order not found' });
  if (path === '/broken') return json(500, { error: 'internal detail' });
  if (path === '/moved') return void response.writeHead(302, { location: '/echo' }).end();
  if (path === '/big') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('é'.repeat(100_000));
    return;
  }
  if (path === '/text')
    return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  const signed = verifyHttpToolSignature({
    secret: SECRET,
    timestamp: request.headers['x-switchboard-timestamp'] as string | undefined,
    signature: request.headers['x-switchboard-signature'] as string | undefined,
    body,
    now: () => NOW,
  });
  json(200, { path, query: request.url?.split('?')[1] ?? '', body: body.toString('utf8'), signed });
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      route(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function tool(overrides: Partial<HttpToolDefinitionInput>, options: Partial<HttpToolOptions> = {}) {
  return createHttpTool(
    {
      name: 'order_status',
      description: 'Look up an order.',
      method: 'POST',
      url: `${base}/echo`,
      parameters: { type: 'object', properties: { order: { type: 'string' } } },
      ...overrides,
    },
    {
      organizationId: 'org_42',
      signingSecret: SECRET,
      allowPrivateNetworks: true,
      now: () => NOW,
      ...options,
    },
  );
}

function context(overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    callId: 'call_7',
    from: '+15550001111',
    to: '+15550002222',
    abortSignal: new AbortController().signal,
    variables: { order_ref: 'A/7 b', api_token: 'tok_1' },
    ...overrides,
  };
}

describe('createHttpTool against a real receiver', () => {
  it('POSTs the arguments as signed JSON with the Switchboard headers', async () => {
    const result = await tool({}).execute({ order: 'A-1', quantity: 2 }, context());
    expect(result).toEqual({
      status: 200,
      body: { path: '/echo', query: '', body: '{"order":"A-1","quantity":2}', signed: true },
    });
    const request = received.at(-1);
    expect(request?.headers['x-switchboard-organization']).toBe('org_42');
    expect(request?.headers['x-switchboard-call-id']).toBe('call_7');
    expect(request?.headers['x-switchboard-timestamp']).toBe(String(NOW / 1000));
    expect(request?.headers['user-agent']).toBe('Switchboard');
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('sends GET arguments in the query string and signs an empty body', async () => {
    const result = await tool({ method: 'GET' }).execute(
      { order: 'A 1', tags: ['x', 'y'] },
      context(),
    );
    expect(result).toEqual({
      status: 200,
      body: { path: '/echo', query: 'order=A+1&tags=x&tags=y', body: '', signed: true },
    });
    expect(received.at(-1)?.method).toBe('GET');
  });

  it('fills URL and header placeholders from the call variables, path-safe', async () => {
    const definition = {
      url: `${base}/orders/{{order_ref}}`,
      headers: { Authorization: 'Bearer {{api_token}}' },
    };
    const result = await tool({ ...definition, method: 'DELETE' }).execute({}, context());
    expect(result).toMatchObject({ body: { path: '/orders/A%2F7%20b' } });
    expect(received.at(-1)?.headers.authorization).toBe('Bearer tok_1');
    await expect(tool(definition).execute({}, context({ variables: {} }))).rejects.toThrow(
      'call variable "order_ref" is not set',
    );
    const climbing = context({ variables: { order_ref: '..', api_token: 't' } });
    await expect(tool(definition).execute({}, climbing)).rejects.toThrow('not a valid URL segment');
  });

  it('returns text bodies as text', async () => {
    await expect(tool({ url: `${base}/text` }).execute({}, context())).resolves.toEqual({
      status: 200,
      body: 'ok',
    });
  });

  it('reports non-2xx answers as errors naming the status', async () => {
    await expect(tool({ url: `${base}/missing` }).execute({}, context())).rejects.toThrow(
      'the API answered with status 404: {"error":"order not found"}',
    );
    const failure = tool({ url: `${base}/broken` }).execute({}, context());
    await expect(failure).rejects.toThrow('the API answered with status 500');
    await expect(failure).rejects.not.toThrow('internal detail');
  });

  it('does not follow redirects', async () => {
    const before = received.length;
    await expect(tool({ url: `${base}/moved` }).execute({}, context())).rejects.toThrow(
      /redirect \(status 302\)/,
    );
    expect(received.length).toBe(before + 1);
  });

  it('cuts oversize bodies at maxResponseBytes without splitting a character', async () => {
    const result = await tool({ url: `${base}/big`, maxResponseBytes: 1001 }).execute(
      {},
      context(),
    );
    expect(result).toEqual({ status: 200, body: 'é'.repeat(500), truncated: true });
  });

  it('gives up after timeoutMs and when the call ends', async () => {
    const slow = tool({ url: `${base}/slow`, timeoutMs: 200 });
    await expect(slow.execute({}, context())).rejects.toThrow(
      'the API did not answer within 200 ms',
    );
    const call = new AbortController();
    const pending = tool({ url: `${base}/slow` }).execute(
      {},
      context({ abortSignal: call.signal }),
    );
    setTimeout(() => call.abort(), 50);
    await expect(pending).rejects.toThrow('the request was aborted because the call ended');
  });

  it('never puts the signing secret in an error', async () => {
    const failures = await Promise.allSettled([
      tool({ url: `${base}/missing` }).execute({}, context()),
      tool({ url: 'http://127.0.0.1:1/closed' }).execute({}, context()),
      tool({ url: `${base}/x` }, { allowPrivateNetworks: false }).execute({}, context()),
    ]);
    for (const failure of failures) {
      expect(failure.status).toBe('rejected');
      if (failure.status === 'rejected') expect(String(failure.reason)).not.toContain(SECRET);
    }
  });
});
