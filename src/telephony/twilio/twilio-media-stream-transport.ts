import { WebSocket, type RawData } from 'ws';
import type { LegEndReason } from '../../engine/call-leg.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import {
  DEFAULT_MAX_FRAME_BYTES,
  describeMediaFormat,
  parseMediaStreamMessage,
  toSupportedAudioFormat,
} from './media-stream-codec.js';
import type { InboundMediaStreamMessage, StartMessage } from './media-stream-types.js';
import {
  createTwilioCallLeg,
  type StreamStartInfo,
  type TwilioCallControl,
  type TwilioCallLeg,
  type TwilioCallLegSink,
  type TwilioCarrier,
} from './twilio-call-leg.js';

export interface TwilioMediaStreamTransportOptions {
  /** An accepted (open) WebSocket from the carrier. */
  readonly socket: WebSocket;
  readonly carrier: TwilioCarrier;
  /**
   * Called once `start` arrives, with a working leg. Attach listeners synchronously: media
   * frames that follow `start` are delivered at once. A throw or rejection ends the leg.
   */
  readonly onStart: (leg: TwilioCallLeg, startInfo: StreamStartInfo) => void | Promise<void>;
  /** REST control (hangup, transfer) for the call that started; undefined leaves it unavailable. */
  readonly createCallControl?: (startInfo: StreamStartInfo) => TwilioCallControl | undefined;
  /** The account the upgrade was authenticated for; a `start` naming another is refused. */
  readonly expectedAccountSid?: string;
  readonly logger?: Logger;
  /** Close a socket that sends no `start` within this time (default 10 s). */
  readonly startTimeoutMs?: number;
  /** Close after this many bad frames in a row (default 25, half a second of media). */
  readonly maxConsecutiveErrors?: number;
  readonly maxFrameBytes?: number;
  /** After we hang up or transfer, close the socket if the carrier has not within this time. */
  readonly closeGraceMs?: number;
}

export type TwilioMediaStreamState = 'awaiting-start' | 'streaming' | 'closed';

/** One carrier WebSocket: waits for `start`, then feeds the leg it handed to `onStart`. */
export interface TwilioMediaStreamTransport {
  readonly state: TwilioMediaStreamState;
  readonly leg: TwilioCallLeg | undefined;
  /**
   * Close the socket (e.g. at server shutdown); a started leg that has not ended emits `end` with
   * `legEndReason` (default 'connection-lost').
   */
  close(reason?: string, legEndReason?: LegEndReason): void;
  /** Resolves once the socket has closed. */
  readonly closed: Promise<void>;
}

/** Close codes we use: normal, policy violation (bad peer), unsupported data, internal error. */
const CLOSE_NORMAL = 1000;
const CLOSE_POLICY = 1008;
const CLOSE_UNSUPPORTED = 1003;
const CLOSE_INTERNAL = 1011;

/** Log every bad frame up to this many, then one in a hundred, so a noisy peer cannot flood logs. */
const LOGGED_ERRORS = 20;

let connectionCounter = 0;

/**
 * Adapt one Twilio/SignalWire Media Streams socket to a CallLegV1. Nothing the peer sends can throw
 * out of here: bad frames are counted and logged with the call sid, and too many in a row close the
 * socket with a stated reason.
 */
export function createTwilioMediaStreamTransport(
  options: TwilioMediaStreamTransportOptions,
): TwilioMediaStreamTransport {
  const { socket, carrier } = options;
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const maxConsecutiveErrors = options.maxConsecutiveErrors ?? 25;
  const closeGraceMs = options.closeGraceMs ?? 2000;
  connectionCounter += 1;
  // The routes' logger already names the carrier; a second `carrier` key would duplicate it.
  let logger = (options.logger ?? silentLogger).child({ connection: connectionCounter });

  let state: TwilioMediaStreamState = 'awaiting-start';
  let leg: TwilioCallLeg | undefined;
  let sink: TwilioCallLegSink | undefined;
  let lastSequenceNumber: number | undefined;
  let consecutiveErrors = 0;
  /** Set once we decided to close: frames still in flight are ignored. */
  let closing = false;
  let totalErrors = 0;
  let graceTimer: NodeJS.Timeout | undefined;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const startTimer = setTimeout(() => {
    if (state !== 'awaiting-start') return;
    logger.warn({ timeoutMs: options.startTimeoutMs ?? 10_000 }, 'media stream sent no start');
    closeSocket(CLOSE_POLICY, 'no start message in time');
  }, options.startTimeoutMs ?? 10_000);

  function closeSocket(code: number, reason: string): void {
    closing = true;
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
      socket.close(code, reason);
    }
  }

  function send(text: string): boolean {
    if (socket.readyState !== WebSocket.OPEN) return false;
    socket.send(text);
    return true;
  }

  function reject(kind: string, detail: string): void {
    consecutiveErrors += 1;
    totalErrors += 1;
    if (totalErrors <= LOGGED_ERRORS || totalErrors % 100 === 0) {
      logger.warn({ kind, detail, totalErrors }, 'media stream frame rejected');
    }
    if (consecutiveErrors >= maxConsecutiveErrors) {
      logger.error({ consecutiveErrors }, 'media stream closed after too many bad frames');
      sink?.end('error');
      closeSocket(CLOSE_POLICY, 'too many malformed messages');
    }
  }

  function checkSequence(sequenceNumber: number | undefined): void {
    if (sequenceNumber === undefined) return;
    if (lastSequenceNumber !== undefined && sequenceNumber !== lastSequenceNumber + 1) {
      logger.warn(
        { expected: lastSequenceNumber + 1, received: sequenceNumber },
        'media stream sequence gap',
      );
    }
    lastSequenceNumber = Math.max(lastSequenceNumber ?? sequenceNumber, sequenceNumber);
  }

  function handleStart(message: StartMessage): void {
    if (state === 'streaming') return reject('duplicate-start', 'second start on one stream');
    logger = logger.child({ callSid: message.callSid, streamSid: message.streamSid });
    if (
      options.expectedAccountSid !== undefined &&
      message.accountSid !== options.expectedAccountSid
    ) {
      logger.warn('media stream start names another account');
      return closeSocket(CLOSE_POLICY, 'account does not match the authenticated one');
    }
    if (!toSupportedAudioFormat(message.mediaFormat)) {
      const format = describeMediaFormat(message.mediaFormat);
      logger.error({ mediaFormat: format }, 'media stream format unsupported');
      return closeSocket(CLOSE_UNSUPPORTED, `unsupported media format ${format}`);
    }
    clearTimeout(startTimer);
    const startInfo: StreamStartInfo = {
      carrier,
      streamSid: message.streamSid,
      callSid: message.callSid,
      accountSid: message.accountSid,
      customParameters: message.customParameters,
      mediaFormat: message.mediaFormat,
      tracks: message.tracks,
    };
    const created = createTwilioCallLeg({
      startInfo,
      send,
      closeSocket,
      callControl: options.createCallControl?.(startInfo),
      logger,
    });
    leg = created.leg;
    sink = created.sink;
    state = 'streaming';
    created.leg.on('end', (reason) => {
      if (reason === 'agent-hangup' || reason === 'transferred') scheduleGraceClose();
    });
    logger.info({ mediaFormat: describeMediaFormat(message.mediaFormat) }, 'media stream started');
    const fail = (error: unknown): void => {
      logger.error({ err: error }, 'stream start handler failed');
      created.sink.end('error');
      closeSocket(CLOSE_INTERNAL, 'stream start handler failed');
    };
    try {
      Promise.resolve(options.onStart(created.leg, startInfo)).catch(fail);
    } catch (error) {
      fail(error);
    }
  }

  function scheduleGraceClose(): void {
    if (graceTimer !== undefined) return;
    graceTimer = setTimeout(
      () => closeSocket(CLOSE_NORMAL, 'call handed back to carrier'),
      closeGraceMs,
    );
  }

  function handleMessage(message: InboundMediaStreamMessage): void {
    if (message.event === 'connected') {
      return logger.debug({ version: message.version }, 'media stream connected');
    }
    if (message.event === 'start') {
      checkSequence(message.sequenceNumber);
      return handleStart(message);
    }
    if (!sink) {
      if (message.event === 'stop') {
        logger.info('media stream stopped before start');
        return closeSocket(CLOSE_NORMAL, 'stream stopped');
      }
      return reject(`${message.event}-before-start`, `${message.event} before start`);
    }
    checkSequence(message.sequenceNumber);
    switch (message.event) {
      case 'media':
        // A bidirectional stream carries only the caller's track; anything else is not for us.
        if (message.track.startsWith('inbound') && message.payload.byteLength > 0)
          sink.audio(message.payload);
        return;
      case 'mark':
        return sink.mark(message.name);
      case 'dtmf':
        return sink.dtmf(message.digit);
      case 'stop':
        logger.info('media stream stopped by carrier');
        sink.end('carrier-stop');
        return closeSocket(CLOSE_NORMAL, 'stream stopped');
    }
  }

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (closing || state === 'closed') return;
    if (isBinary) return reject('binary-frame', 'binary frame on a JSON text protocol');
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : new Uint8Array(data);
    const parsed = parseMediaStreamMessage(bytes, { maxFrameBytes });
    if (!parsed.ok) return reject(parsed.error.kind, parsed.error.message);
    const errorsBefore = totalErrors;
    try {
      handleMessage(parsed.message);
      // Only a frame that was used breaks a run of bad ones (media before start does not).
      if (totalErrors === errorsBefore) consecutiveErrors = 0;
    } catch (error) {
      // Defensive: our own bug must cost this frame, not the process.
      logger.error({ err: error }, 'media stream frame handling failed');
      reject('internal', 'frame handling failed');
    }
  });

  socket.on('error', (error) => {
    logger.warn({ err: error }, 'media stream socket error');
  });

  socket.on('close', (code: number) => {
    clearTimeout(startTimer);
    if (graceTimer !== undefined) clearTimeout(graceTimer);
    const wasStreaming = state === 'streaming';
    state = 'closed';
    if (wasStreaming && leg && !leg.ended) {
      logger.warn({ code }, 'media stream connection lost');
      sink?.end('connection-lost');
    } else {
      logger.debug({ code }, 'media stream socket closed');
    }
    resolveClosed();
  });

  return {
    get state() {
      return state;
    },
    get leg() {
      return leg;
    },
    close(reason = 'server closing', legEndReason = 'connection-lost') {
      sink?.end(legEndReason);
      closeSocket(CLOSE_NORMAL, reason);
    },
    closed,
  };
}
