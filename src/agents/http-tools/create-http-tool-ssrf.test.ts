import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolContext } from '../../engine/tool.js';
import { createHttpTool } from './create-http-tool.js';
import type { HostLookup, ResolvedAddress } from './resolve-allowed-addresses.js';

const hosts: string[] = [];
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    hosts.push(request.headers.host ?? '');
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const context: ToolContext = {
  callId: 'call_1',
  from: '+15550001111',
  to: '+15550002222',
  abortSignal: new AbortController().signal,
  variables: {},
};

/** A resolver that answers every name with `addresses` and counts how often it was asked. */
function scriptedLookup(addresses: readonly ResolvedAddress[]): HostLookup & { calls: string[] } {
  const calls: string[] = [];
  const lookup = (hostname: string) => {
    calls.push(hostname);
    return Promise.resolve(addresses);
  };
  return Object.assign(lookup, { calls });
}

function tool(url: string, allowPrivateNetworks: boolean, lookup?: HostLookup) {
  return createHttpTool(
    {
      name: 'lookup_order',
      description: 'Look up an order.',
      method: 'GET',
      url,
      parameters: { type: 'object', properties: {} },
    },
    {
      organizationId: 'org_1',
      signingSecret: 'secret',
      allowPrivateNetworks,
      ...(lookup ? { lookup } : {}),
    },
  );
}

describe('createHttpTool network safety', () => {
  it('reaches a loopback receiver only when private networks are allowed', async () => {
    const url = `http://127.0.0.1:${port}/orders`;
    await expect(tool(url, true).execute({}, context)).resolves.toEqual({
      status: 200,
      body: { ok: true },
    });
    const before = hosts.length;
    await expect(tool(url, false).execute({}, context)).rejects.toThrow(
      /^refused: .*private or local/,
    );
    expect(hosts.length).toBe(before);
  });

  it('refuses a public-looking name that resolves to a private address', async () => {
    const lookup = scriptedLookup([{ address: '10.1.2.3', family: 4 }]);
    await expect(
      tool('https://api.example.com/x', false, lookup).execute({}, context),
    ).rejects.toThrow(/^refused/);
    expect(lookup.calls).toEqual(['api.example.com']);
  });

  it('refuses when any one of the resolved addresses is private', async () => {
    const lookup = scriptedLookup([
      { address: '93.184.215.14', family: 4 },
      { address: '::ffff:192.168.0.1', family: 6 },
    ]);
    await expect(
      tool('https://api.example.com/x', false, lookup).execute({}, context),
    ).rejects.toThrow(/^refused/);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fd00::1]/',
    'http://0.0.0.0/',
    'http://localhost/',
    'http://metadata.google.internal/',
  ])('refuses %s without asking DNS', async (url) => {
    const lookup = scriptedLookup([{ address: '93.184.215.14', family: 4 }]);
    await expect(tool(url, false, lookup).execute({}, context)).rejects.toThrow(/^refused/);
    expect(lookup.calls).toEqual([]);
  });

  it('connects to the checked address while keeping the host name in the Host header', async () => {
    const lookup = scriptedLookup([{ address: '127.0.0.1', family: 4 }]);
    const result = await tool(`http://orders.example.test:${port}/x`, true, lookup).execute(
      {},
      context,
    );
    expect(result).toEqual({ status: 200, body: { ok: true } });
    expect(hosts.at(-1)).toBe(`orders.example.test:${port}`);
    // Resolved once: the socket used the checked answer instead of asking DNS again.
    expect(lookup.calls).toEqual(['orders.example.test']);
  });

  it('sends the URL host name as the TLS server name (SNI) over a pinned connection', async () => {
    // No certificate needed: the server records the name from the ClientHello and ends the
    // handshake, so the tool call fails after proving what it sent.
    const serverNames: string[] = [];
    const tlsServer = createTlsServer({
      SNICallback: (name, callback) => {
        serverNames.push(name);
        callback(new Error('no certificate in this test'), undefined);
      },
    });
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    const tlsPort = (tlsServer.address() as AddressInfo).port;
    const lookup = scriptedLookup([{ address: '127.0.0.1', family: 4 }]);
    const call = tool(`https://orders.example.test:${tlsPort}/x`, true, lookup).execute(
      {},
      context,
    );
    await expect(call).rejects.toThrow(/^the request to the API failed/);
    expect(serverNames).toEqual(['orders.example.test']);
    await new Promise((resolve) => tlsServer.close(resolve));
  });

  it('reports names that do not resolve', async () => {
    const lookup: HostLookup = () => Promise.reject(new Error('getaddrinfo ENOTFOUND'));
    await expect(
      tool('https://nowhere.example.com/', false, lookup).execute({}, context),
    ).rejects.toThrow('the API host name did not resolve to any address');
  });
});
