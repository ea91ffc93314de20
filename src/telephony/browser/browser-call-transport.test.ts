import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { LegEndReason } from '../../engine/call-leg.js';
import { waitFor } from '../../testing/shared/wait-for.js';
import {
  createBrowserCallTransport,
  type BrowserCallTransport,
  type BrowserCallTransportOptions,
} from './browser-call-transport.js';

interface Harness {
  readonly transport: BrowserCallTransport;
  /** The server's end of the connection. */
  readonly serverSocket: WebSocket;
  readonly client: WebSocket;
  readonly audio: Uint8Array[];
  readonly ends: LegEndReason[];
  readonly texts: string[];
  readonly hangups: number[];
  /** Text messages the client received, parsed. */
  readonly received: Record<string, unknown>[];
  readonly receivedBinary: Buffer[];
  readonly clientClosed: Promise<{ code: number; reason: string }>;
}

const servers: Server[] = [];
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

/** A real ws server on port 0 whose one connection gets a transport, and a client to it. */
async function connect(
  options: Partial<Omit<BrowserCallTransportOptions, 'socket'>> & { hangupHandler?: boolean } = {},
): Promise<Harness> {
  const server = createServer();
  servers.push(server);
  const webSocketServer = new WebSocketServer({ server, skipUTF8Validation: true });
  const audio: Uint8Array[] = [];
  const ends: LegEndReason[] = [];
  const texts: string[] = [];
  const hangups: number[] = [];
  const accepted = new Promise<{ transport: BrowserCallTransport; socket: WebSocket }>(
    (resolve) => {
      webSocketServer.on('connection', (socket) => {
        const transport = createBrowserCallTransport({
          socket,
          carrierCallId: 'browser-test',
          mode: options.mode ?? 'audio',
          onText: (text) => texts.push(text),
          ...(options.hangupHandler === true ? { onHangup: () => hangups.push(1) } : {}),
          ...(options.closeGraceMs !== undefined ? { closeGraceMs: options.closeGraceMs } : {}),
          ...(options.maxBufferedBytes !== undefined
            ? { maxBufferedBytes: options.maxBufferedBytes }
            : {}),
        });
        transport.leg.on('audio', (bytes) => audio.push(bytes));
        transport.leg.on('end', (reason) => ends.push(reason));
        resolve({ transport, socket });
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const client = new WebSocket(`ws://127.0.0.1:${port}/`);
  clients.push(client);
  const received: Record<string, unknown>[] = [];
  const receivedBinary: Buffer[] = [];
  client.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = data as Buffer;
    if (isBinary) receivedBinary.push(bytes);
    else received.push(JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
  });
  const clientClosed = new Promise<{ code: number; reason: string }>((resolve) =>
    client.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve) => client.once('open', resolve));
  const { transport, socket } = await accepted;
  return {
    transport,
    serverSocket: socket,
    client,
    audio,
    ends,
    texts,
    hangups,
    received,
    receivedBinary,
    clientClosed,
  };
}

describe('browser call transport', () => {
  it('turns binary messages into 20 ms frames of caller audio', async () => {
    const harness = await connect();
    harness.client.send(new Uint8Array(1600).fill(1));
    harness.client.send(new Uint8Array(640).fill(2));
    await waitFor(() => harness.audio.length === 4);
    expect(harness.audio.map((frame) => frame.byteLength)).toEqual([640, 640, 320, 640]);
    expect(harness.audio[3]?.[0]).toBe(2);
  });

  it('drops microphone audio that runs far ahead of real time, and says so once', async () => {
    const harness = await connect();
    // 6 s of audio at once: about 2 s (the allowed head start) gets through.
    for (let index = 0; index < 6; index += 1) harness.client.send(new Uint8Array(32_000));
    await waitFor(() => harness.received.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const deliveredMs = (harness.audio.length * 640) / 32;
    expect(deliveredMs).toBeGreaterThanOrEqual(2000);
    expect(deliveredMs).toBeLessThan(5000);
    expect(harness.received).toEqual([
      { type: 'error', message: 'audio arrives faster than real time; the excess is dropped' },
    ]);
  });

  it('answers malformed messages with an error and goes on', async () => {
    const harness = await connect();
    harness.client.send(new Uint8Array(641));
    harness.client.send('not json');
    harness.client.send('{"type":"dance"}');
    harness.client.send(Buffer.from([0x7b, 0xff, 0xfe]), { binary: false });
    harness.client.send('{"type":"text","text":"Hello."}');
    harness.client.send(new Uint8Array(640));
    await waitFor(() => harness.received.length === 4 && harness.audio.length === 1);
    expect(harness.received.map((message) => message.type)).toEqual([
      'error',
      'error',
      'error',
      'error',
    ]);
    expect(String(harness.received[0]?.message)).toMatch(/16-bit samples/);
    expect(harness.texts).toEqual(['Hello.']);
    expect(harness.ends).toEqual([]);
  });

  it('passes a hang-up to its handler, or ends the leg without one', async () => {
    const handled = await connect({ hangupHandler: true });
    handled.client.send('{"type":"hangup"}');
    await waitFor(() => handled.hangups.length === 1);
    expect(handled.ends).toEqual([]);

    const plain = await connect();
    plain.client.send('{"type":"hangup"}');
    await waitFor(() => plain.ends.length === 1);
    expect(plain.ends).toEqual(['caller-hangup']);
  });

  it('ends the leg when the browser closes the socket', async () => {
    const harness = await connect();
    harness.client.close(1001, 'tab closed');
    await harness.transport.closed;
    expect(harness.ends).toEqual(['caller-hangup']);
  });

  it('ends the leg as connection-lost when the connection drops', async () => {
    const harness = await connect();
    harness.client.terminate();
    await harness.transport.closed;
    expect(harness.ends).toEqual(['connection-lost']);
  });

  it('tells the browser the call ended and closes normally', async () => {
    const harness = await connect();
    harness.transport.send({ type: 'call', callId: 'c1', sampleRate: 16000 });
    harness.transport.leg.sendAudio(new Uint8Array(640).fill(9));
    harness.transport.finish('agent-hangup');
    const closed = await harness.clientClosed;
    expect(closed.code).toBe(1000);
    expect(harness.received).toEqual([
      { type: 'call', callId: 'c1', sampleRate: 16000 },
      { type: 'ended', reason: 'agent-hangup' },
    ]);
    expect(harness.receivedBinary).toHaveLength(1);
    expect(harness.ends).toEqual(['agent-hangup']);
  });

  it('closes the socket itself shortly after the engine closed the leg', async () => {
    const harness = await connect({ closeGraceMs: 50 });
    harness.transport.leg.close();
    const closed = await harness.clientClosed;
    expect(closed.code).toBe(1000);
  });

  it('feeds silence in real time in text mode, ignores audio, and stops at the end', async () => {
    const harness = await connect({ mode: 'text' });
    await waitFor(() => harness.audio.length >= 10, 5000);
    expect(harness.audio.every((frame) => frame.byteLength === 640 && !frame.some(Boolean))).toBe(
      true,
    );
    harness.client.send(new Uint8Array(640).fill(5));
    harness.client.send(new Uint8Array(640).fill(5));
    await waitFor(() => harness.received.length === 1);
    expect(harness.received[0]).toMatchObject({ type: 'error' });
    expect(harness.audio.some((frame) => frame[0] === 5)).toBe(false);
    harness.transport.endLeg('caller-hangup');
    const count = harness.audio.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.audio.length).toBe(count);
  });

  it('drops agent audio rather than buffering without bound for a browser that stops reading', async () => {
    const limit = 64 * 1024;
    const harness = await connect({ maxBufferedBytes: limit });
    harness.client.pause();
    const frame = new Uint8Array(640);
    let highest = 0;
    for (let index = 0; index < 20_000; index += 1) {
      harness.transport.leg.sendAudio(frame);
      highest = Math.max(highest, harness.serverSocket.bufferedAmount);
    }
    expect(highest).toBeLessThanOrEqual(limit + frame.byteLength);
    // Text still goes out while audio is dropped: the browser must learn the call ended.
    expect(harness.transport.send({ type: 'clear' })).toBe(true);
  });
});
