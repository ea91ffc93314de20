import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { computeTwilioSignature } from '../../telephony/twilio/signature.js';

/**
 * The carrier side of a Media Streams socket: what Twilio (or SignalWire) does when a call hits
 * `<Connect><Stream>`. It signs the upgrade, sends connected/start/media/dtmf/stop in the carrier's
 * shape, and plays our audio on a clock: a mark echoes once the audio before it has "played", and
 * `clear` echoes every outstanding mark at once, as Twilio does.
 */

export interface FakeTwilioCallerOptions {
  /** Where to connect: ws://127.0.0.1:port/twilio/media-stream/AC… */
  readonly streamUrl: string;
  /** The URL to sign when it differs from streamUrl (the public wss:// URL behind a proxy). */
  readonly signedUrl?: string;
  /** Sign the upgrade with this token; omit to send an unsigned upgrade. */
  readonly authToken?: string;
  /** Send `Authorization: Bearer …` (SignalWire authBearerToken). */
  readonly bearerToken?: string;
  readonly carrier?: 'twilio' | 'signalwire';
  readonly accountSid: string;
  readonly callSid?: string;
  readonly streamSid?: string;
  readonly customParameters?: Readonly<Record<string, string>>;
  readonly mediaFormat?: { encoding: string; sampleRate: number; channels: number };
  /** `realtime` (default): 8 bytes of μ-law play per ms. `instant`: marks echo at once. */
  readonly playback?: 'realtime' | 'instant';
}

/** A message our server sent, parsed. */
export type ServerMessage = Record<string, unknown> & { event?: unknown };

export interface FakeTwilioCaller {
  readonly socket: WebSocket;
  readonly callSid: string;
  readonly streamSid: string;
  /** Everything the server sent, parsed, in order. */
  readonly received: readonly ServerMessage[];
  /** Audio bytes received in `media` messages. */
  readonly receivedAudioBytes: number;
  /** Send `connected` then `start`. */
  start(): void;
  sendAudio(audio: Uint8Array): void;
  sendDtmf(digit: string): void;
  sendStop(): void;
  /** Send any frame as is (for malformed-input tests). */
  sendRaw(data: string | Buffer): void;
  /** Resolve with the first received message (past or future) that matches. */
  waitFor(
    predicate: (message: ServerMessage) => boolean,
    timeoutMs?: number,
  ): Promise<ServerMessage>;
  /** Resolves with the close code and reason once the socket closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Drop the connection without `stop` or a close handshake (a network failure). */
  drop(): void;
  close(): void;
}

/** The upgrade was refused with an HTTP status. */
export class UpgradeRefusedError extends Error {
  constructor(readonly status: number) {
    super(`media stream upgrade refused with HTTP ${status}`);
    this.name = 'UpgradeRefusedError';
  }
}

/** A random id in Twilio's shape: prefix plus 32 hex digits. */
export function fakeSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

/** Connect to our media stream endpoint; rejects with UpgradeRefusedError on a refused upgrade. */
export async function connectFakeTwilioCaller(
  options: FakeTwilioCallerOptions,
): Promise<FakeTwilioCaller> {
  const carrier = options.carrier ?? 'twilio';
  const callSid = options.callSid ?? fakeSid('CA');
  const streamSid = options.streamSid ?? fakeSid('MZ');
  const headers: Record<string, string> = {};
  if (options.authToken !== undefined) {
    const signature = computeTwilioSignature({
      authToken: options.authToken,
      url: options.signedUrl ?? options.streamUrl,
    });
    headers[carrier === 'signalwire' ? 'x-signalwire-signature' : 'x-twilio-signature'] = signature;
  }
  if (options.bearerToken !== undefined) headers.authorization = `Bearer ${options.bearerToken}`;
  const socket = new WebSocket(options.streamUrl, { headers });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      reject(new UpgradeRefusedError(response.statusCode ?? 0));
    });
    socket.once('error', reject);
  });

  const received: ServerMessage[] = [];
  const waiters = new Set<{
    predicate: (message: ServerMessage) => boolean;
    resolve: (message: ServerMessage) => void;
  }>();
  const pendingMarks: { name: string; timer: NodeJS.Timeout }[] = [];
  let receivedAudioBytes = 0;
  let playbackEndsAt = 0;
  let sequenceNumber = 0;
  let chunk = 0;
  const startedAt = Date.now();
  const instant = options.playback === 'instant';

  const withSid = (message: Record<string, unknown>): Record<string, unknown> =>
    carrier === 'signalwire' ? message : { ...message, streamSid };
  const send = (message: Record<string, unknown>): void => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };
  const nextSequence = (): string => String(++sequenceNumber);
  const echoMark = (name: string): void =>
    send(withSid({ event: 'mark', sequenceNumber: nextSequence(), mark: { name } }));

  socket.on('message', (data: Buffer) => {
    let message: ServerMessage;
    try {
      message = JSON.parse(data.toString('utf8')) as ServerMessage;
    } catch {
      return;
    }
    received.push(message);
    if (message.event === 'media') {
      const payload = (message.media as { payload?: unknown } | undefined)?.payload;
      const bytes = typeof payload === 'string' ? Buffer.from(payload, 'base64').byteLength : 0;
      receivedAudioBytes += bytes;
      playbackEndsAt = Math.max(Date.now(), playbackEndsAt) + (instant ? 0 : bytes / 8);
    } else if (message.event === 'mark') {
      const name = String((message.mark as { name?: unknown } | undefined)?.name ?? '');
      const entry = {
        name,
        timer: setTimeout(
          () => {
            pendingMarks.splice(pendingMarks.indexOf(entry), 1);
            echoMark(name);
          },
          Math.max(0, playbackEndsAt - Date.now()),
        ),
      };
      pendingMarks.push(entry);
    } else if (message.event === 'clear') {
      playbackEndsAt = Date.now();
      for (const entry of pendingMarks.splice(0)) {
        clearTimeout(entry.timer);
        echoMark(entry.name);
      }
    }
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  });

  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      for (const entry of pendingMarks.splice(0)) clearTimeout(entry.timer);
      resolve({ code, reason: reason.toString('utf8') });
    });
  });
  socket.on('error', () => {});

  return {
    socket,
    callSid,
    streamSid,
    received,
    get receivedAudioBytes() {
      return receivedAudioBytes;
    },
    start() {
      send({
        event: 'connected',
        protocol: 'Call',
        version: carrier === 'signalwire' ? '0.2.0' : '1.0.0',
      });
      send(
        withSid({
          event: 'start',
          sequenceNumber: nextSequence(),
          start: {
            streamSid,
            accountSid: options.accountSid,
            callSid,
            tracks: ['inbound'],
            customParameters: options.customParameters ?? {},
            mediaFormat: options.mediaFormat ?? {
              encoding: 'audio/x-mulaw',
              sampleRate: 8000,
              channels: 1,
            },
          },
        }),
      );
    },
    sendAudio(audio) {
      chunk += 1;
      send(
        withSid({
          event: 'media',
          sequenceNumber: nextSequence(),
          media: {
            track: 'inbound',
            chunk: String(chunk),
            timestamp: String(Date.now() - startedAt),
            payload: Buffer.from(audio).toString('base64'),
          },
        }),
      );
    },
    sendDtmf(digit) {
      const dtmf =
        carrier === 'signalwire' ? { digit, duration: 250 } : { track: 'inbound_track', digit };
      send(withSid({ event: 'dtmf', sequenceNumber: nextSequence(), dtmf }));
    },
    sendStop() {
      const stop = { accountSid: options.accountSid, callSid };
      send(
        carrier === 'signalwire'
          ? { event: 'stop', sequenceNumber: nextSequence() }
          : withSid({ event: 'stop', sequenceNumber: nextSequence(), stop }),
      );
    },
    sendRaw(data) {
      if (socket.readyState === WebSocket.OPEN)
        socket.send(data, { binary: typeof data !== 'string' });
    },
    waitFor(predicate, timeoutMs = 5000) {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (message: ServerMessage) => {
            clearTimeout(timer);
            resolve(message);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error('fake caller: no matching message in time'));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    closed,
    drop() {
      socket.terminate();
    },
    close() {
      socket.close(1000, 'caller done');
    },
  };
}
