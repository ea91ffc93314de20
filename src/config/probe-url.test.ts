import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeUrl, toHttpUrl } from './probe-url.js';

const servers: Server[] = [];

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port that was just in use and is now closed: connecting is refused. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

describe('probeUrl', () => {
  it('counts any HTTP response as answering, even 404', async () => {
    const url = await listen((_request, response) => {
      response.statusCode = 404;
      response.end('not here');
    });
    const result = await probeUrl(`${url}/v1`);
    expect(result).toMatchObject({ ok: true, status: 404 });
  });

  it('does not follow redirects', async () => {
    const url = await listen((_request, response) => {
      response.writeHead(302, { location: 'http://127.0.0.1:1/' });
      response.end();
    });
    expect(await probeUrl(url)).toMatchObject({ ok: true, status: 302 });
  });

  it('probes the HTTP side of a ws:// URL', async () => {
    const paths: string[] = [];
    const url = await listen((request, response) => {
      paths.push(request.url ?? '');
      response.end();
    });
    const result = await probeUrl(`${url.replace('http:', 'ws:')}/v1/listen`);
    expect(result.ok).toBe(true);
    expect(paths).toEqual(['/v1/listen']);
  });

  it('reports a refused connection', async () => {
    const result = await probeUrl(await closedPortUrl());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('connection refused');
  });

  it('reports a server that never answers as a timeout', async () => {
    const url = await listen(() => {
      // Accept the request and never respond.
    });
    const result = await probeUrl(url, { timeoutMs: 200 });
    expect(result).toEqual({ ok: false, reason: 'no answer within 200 ms' });
  });

  it('reports a host name that does not resolve', async () => {
    const result = await probeUrl('http://switchboard-doctor-test.invalid/', { timeoutMs: 5000 });
    expect(result.ok).toBe(false);
  });
});

describe('toHttpUrl', () => {
  it('maps ws to http and wss to https, leaving others alone', () => {
    expect(toHttpUrl('ws://a/b')).toBe('http://a/b');
    expect(toHttpUrl('wss://a/b')).toBe('https://a/b');
    expect(toHttpUrl('https://a/b')).toBe('https://a/b');
  });
});
