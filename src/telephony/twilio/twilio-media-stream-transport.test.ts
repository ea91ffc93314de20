import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { LegEndReason } from '../../engine/call-leg.js';
import { createLogger } from '../../logging/logger.js';
import {
  connectFakeTwilioCaller,
  type FakeTwilioCaller,
  type FakeTwilioCallerOptions,
} from '../../testing/fake-twilio/index.js';
import type { StreamStartInfo, TwilioCallControl, TwilioCallLeg } from './twilio-call-leg.js';
import {
  createTwilioMediaStreamTransport,
  type TwilioMediaStreamTransport,
  type TwilioMediaStreamTransportOptions,
} from './twilio-media-stream-transport.js';

const accountSid = 'AC00000000000000000000000000000001';

interface Harness {
  readonly url: string;
  readonly transports: TwilioMediaStreamTransport[];
  readonly legs: {
    leg: TwilioCallLeg;
    info: StreamStartInfo;
    events: string[];
    ended: Promise<LegEndReason>;
  }[];
  readonly logLines: Record<string, unknown>[];
  readonly control: { hangups: string[]; transfers: [string, string][] };
  connect(options?: Partial<FakeTwilioCallerOptions>): Promise<FakeTwilioCaller>;
  close(): Promise<void>;
}

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

/** A ws server on port 0 whose every connection gets a transport; legs are recorded. */
async function startHarness(
  options: Partial<TwilioMediaStreamTransportOptions> = {},
): Promise<Harness> {
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        callback();
      },
    }),
  });
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const control = { hangups: [] as string[], transfers: [] as [string, string][] };
  const callControl: TwilioCallControl = {
    hangup: async (callSid) => void control.hangups.push(callSid),
    transfer: async (callSid, destination) => void control.transfers.push([callSid, destination]),
  };
  const harness: Harness = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/twilio/media-stream/${accountSid}`,
    transports: [],
    legs: [],
    logLines,
    control,
    connect: (callerOptions = {}) =>
      connectFakeTwilioCaller({
        streamUrl: harness.url,
        accountSid,
        playback: 'instant',
        ...callerOptions,
      }),
    async close() {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server.on('connection', (socket) => {
    harness.transports.push(
      createTwilioMediaStreamTransport({
        socket,
        carrier: 'twilio',
        logger,
        createCallControl: () => callControl,
        onStart: (leg, info) => {
          const events: string[] = [];
          let resolveEnded: (reason: LegEndReason) => void = () => {};
          const ended = new Promise<LegEndReason>((resolve) => (resolveEnded = resolve));
          leg.on('audio', (audio) => events.push(`audio:${Buffer.from(audio).toString('hex')}`));
          leg.on('dtmf', (digit) => events.push(`dtmf:${digit}`));
          leg.on('mark', (name) => events.push(`mark:${name}`));
          leg.on('end', (reason) => {
            events.push(`end:${reason}`);
            resolveEnded(reason);
          });
          harness.legs.push({ leg, info, events, ended });
        },
        ...options,
      }),
    );
  });
  harnesses.push(harness);
  return harness;
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('createTwilioMediaStreamTransport', () => {
  it('hands over a leg on start and delivers audio, dtmf and stop', async () => {
    const harness = await startHarness();
    const caller = await harness.connect({ customParameters: { tenant: 't1' } });
    caller.start();
    await until(() => harness.legs.length === 1);
    const [{ leg, info, events, ended }] = harness.legs as [Harness['legs'][number]];
    expect(info).toMatchObject({
      carrier: 'twilio',
      callSid: caller.callSid,
      streamSid: caller.streamSid,
      accountSid,
    });
    expect(info.customParameters).toEqual({ tenant: 't1' });
    expect(leg).toMatchObject({
      carrier: 'twilio',
      carrierCallId: caller.callSid,
      supportsMarks: true,
    });
    expect(leg.inboundFormat).toEqual({ encoding: 'mulaw', sampleRate: 8000 });
    caller.sendAudio(new Uint8Array([0xff, 0x00, 0x7f]));
    caller.sendDtmf('5');
    caller.sendStop();
    expect(await ended).toBe('carrier-stop');
    expect(events).toEqual(['audio:ff007f', 'dtmf:5', 'end:carrier-stop']);
    await caller.closed;
  });

  it('sends media, marks and clear, and tracks a clear in flight until its marks echo', async () => {
    const harness = await startHarness();
    const caller = await harness.connect({ playback: 'realtime' });
    caller.start();
    await until(() => harness.legs.length === 1);
    const { leg, events } = harness.legs[0] as Harness['legs'][number];
    // 8000 bytes is a second of audio: the mark after it cannot echo before the clear.
    leg.sendAudio(new Uint8Array(8000).fill(0xff));
    leg.sendMark('u1-c1');
    expect(leg.outstandingMarks).toBe(1);
    await caller.waitFor((message) => message.event === 'mark');
    leg.clearAudio();
    expect(leg.clearInFlight).toBe(true);
    await until(() => events.includes('mark:u1-c1'));
    expect(leg.clearInFlight).toBe(false);
    expect(leg.outstandingMarks).toBe(0);
    expect(caller.received.map((message) => message.event)).toEqual(['media', 'mark', 'clear']);
    expect(caller.received[0]).toMatchObject({ streamSid: caller.streamSid });
    expect(caller.receivedAudioBytes).toBe(8000);
  });

  it('echoes a mark at once when nothing is buffered, and a clear with no marks is not in flight', async () => {
    const harness = await startHarness();
    const caller = await harness.connect();
    caller.start();
    await until(() => harness.legs.length === 1);
    const { leg, events } = harness.legs[0] as Harness['legs'][number];
    leg.clearAudio();
    expect(leg.clearInFlight).toBe(false);
    leg.sendMark('m0');
    await until(() => events.includes('mark:m0'));
  });

  it('hangs up and transfers through call control, ending the leg once', async () => {
    const harness = await startHarness({ closeGraceMs: 50 });
    const first = await harness.connect();
    first.start();
    await until(() => harness.legs.length === 1);
    const one = harness.legs[0] as Harness['legs'][number];
    await Promise.all([one.leg.hangup(), one.leg.hangup()]);
    expect(harness.control.hangups).toEqual([first.callSid]);
    expect(await one.ended).toBe('agent-hangup');
    await one.leg.hangup();
    expect(harness.control.hangups).toHaveLength(1);
    expect((await first.closed).reason).toBe('call handed back to carrier');

    const second = await harness.connect();
    second.start();
    await until(() => harness.legs.length === 2);
    const two = harness.legs[1] as Harness['legs'][number];
    await two.leg.transfer('+15551234567');
    expect(harness.control.transfers).toEqual([[second.callSid, '+15551234567']]);
    expect(await two.ended).toBe('transferred');
    // Methods on an ended leg do nothing.
    two.leg.sendAudio(new Uint8Array([1]));
    two.leg.sendMark('late');
    two.leg.clearAudio();
    two.leg.close();
    expect(two.events.filter((event) => event.startsWith('end:'))).toEqual(['end:transferred']);
  });

  it('ends with connection-lost when the socket drops without stop', async () => {
    const harness = await startHarness();
    const caller = await harness.connect();
    caller.start();
    await until(() => harness.legs.length === 1);
    caller.drop();
    expect(await (harness.legs[0] as Harness['legs'][number]).ended).toBe('connection-lost');
    expect(
      harness.logLines.some(
        (line) => line.msg === 'media stream connection lost' && line.callSid === caller.callSid,
      ),
    ).toBe(true);
  });

  it('survives bad frames, logging them with the call sid', async () => {
    const harness = await startHarness();
    const caller = await harness.connect();
    caller.start();
    await until(() => harness.legs.length === 1);
    const { events } = harness.legs[0] as Harness['legs'][number];
    caller.sendRaw('{"event":');
    caller.sendRaw(JSON.stringify({ event: 'dance' }));
    caller.sendRaw(JSON.stringify({ event: 'media', media: { payload: '!!!' } }));
    caller.sendRaw(JSON.stringify({ event: 'media', media: { payload: 'A'.repeat(100_000) } }));
    caller.sendRaw(Buffer.from([1, 2, 3]));
    caller.sendAudio(new Uint8Array([0x42]));
    await until(() => events.includes('audio:42'));
    const rejected = harness.logLines.filter((line) => line.msg === 'media stream frame rejected');
    expect(rejected.map((line) => line.kind)).toEqual([
      'invalid-json',
      'unknown-event',
      'invalid-base64',
      'frame-too-large',
      'binary-frame',
    ]);
    expect(rejected.every((line) => line.callSid === caller.callSid)).toBe(true);
    expect(harness.transports[0]?.state).toBe('streaming');
  });

  it('logs sequence gaps', async () => {
    const harness = await startHarness();
    const caller = await harness.connect();
    caller.start();
    await until(() => harness.legs.length === 1);
    const payload = Buffer.from([0x11]).toString('base64');
    caller.sendRaw(
      JSON.stringify({
        event: 'media',
        sequenceNumber: '5',
        streamSid: caller.streamSid,
        media: { payload },
      }),
    );
    await until(() => harness.logLines.some((line) => line.msg === 'media stream sequence gap'));
    expect(harness.logLines.find((line) => line.msg === 'media stream sequence gap')).toMatchObject(
      {
        expected: 2,
        received: 5,
        callSid: caller.callSid,
      },
    );
  });

  it('closes the socket after too many consecutive bad frames, ending the leg with error', async () => {
    const harness = await startHarness({ maxConsecutiveErrors: 5 });
    const caller = await harness.connect();
    caller.start();
    await until(() => harness.legs.length === 1);
    for (let index = 0; index < 5; index += 1) caller.sendRaw('not json');
    expect(await (harness.legs[0] as Harness['legs'][number]).ended).toBe('error');
    expect(await caller.closed).toEqual({ code: 1008, reason: 'too many malformed messages' });
  });

  it('refuses media before start and closes a socket that never starts', async () => {
    const harness = await startHarness({ startTimeoutMs: 100 });
    const caller = await harness.connect();
    caller.sendAudio(new Uint8Array([1]));
    expect(await caller.closed).toEqual({ code: 1008, reason: 'no start message in time' });
    expect(harness.logLines.map((line) => line.kind)).toContain('media-before-start');
    expect(harness.legs).toHaveLength(0);
  });

  it('refuses an unsupported media format with a clear reason', async () => {
    const harness = await startHarness();
    const caller = await harness.connect({
      mediaFormat: { encoding: 'audio/x-L16', sampleRate: 16000, channels: 1 },
    });
    caller.start();
    expect(await caller.closed).toEqual({
      code: 1003,
      reason: 'unsupported media format audio/x-L16@16000x1',
    });
    expect(harness.legs).toHaveLength(0);
  });

  it('refuses a start for another account than the authenticated one', async () => {
    const harness = await startHarness({
      expectedAccountSid: 'AC99999999999999999999999999999999',
    });
    const caller = await harness.connect();
    caller.start();
    expect((await caller.closed).code).toBe(1008);
    expect(harness.legs).toHaveLength(0);
  });

  it('ends the leg with error when the start handler throws, and keeps other sockets alive', async () => {
    let calls = 0;
    const harness = await startHarness({
      onStart: () => {
        calls += 1;
        if (calls === 1) throw new Error('engine bug');
      },
    });
    const broken = await harness.connect();
    broken.start();
    expect((await broken.closed).code).toBe(1011);
    const healthy = await harness.connect();
    healthy.start();
    await until(() => harness.transports[1]?.state === 'streaming');
  });

  it('keeps delivering when a listener throws', async () => {
    const harness = await startHarness();
    const caller = await harness.connect();
    caller.start();
    await until(() => harness.legs.length === 1);
    const { leg, events } = harness.legs[0] as Harness['legs'][number];
    leg.on('dtmf', () => {
      throw new Error('listener bug');
    });
    caller.sendDtmf('1');
    caller.sendDtmf('2');
    await until(() => events.includes('dtmf:2'));
    expect(harness.logLines.filter((line) => line.msg === 'call leg listener threw')).toHaveLength(
      2,
    );
  });

  it('accepts SignalWire shapes', async () => {
    const harness = await startHarness();
    const caller = await harness.connect({
      carrier: 'signalwire',
      streamSid: 'b6b4c1de-1111-4a4a-9c9c-222222222222',
    });
    caller.start();
    await until(() => harness.legs.length === 1);
    const { leg, events, ended } = harness.legs[0] as Harness['legs'][number];
    expect(leg.streamSid).toBe('b6b4c1de-1111-4a4a-9c9c-222222222222');
    caller.sendAudio(new Uint8Array([7]));
    caller.sendDtmf('*');
    caller.sendStop();
    expect(await ended).toBe('carrier-stop');
    expect(events).toEqual(['audio:07', 'dtmf:*', 'end:carrier-stop']);
  });
});
