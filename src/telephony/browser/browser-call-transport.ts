import { WebSocket, type RawData } from 'ws';
import { durationMs } from '../../audio/audio-frame.js';
import type { CallEndReason } from '../../engine/call-events.js';
import type { LegEndReason } from '../../engine/call-leg.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import {
  BROWSER_AUDIO_FORMAT,
  BROWSER_CLOSE_CODES,
  BROWSER_FRAME_BYTES,
  BROWSER_FRAME_MS,
  DEFAULT_MAX_AUDIO_MESSAGE_BYTES,
  encodeBrowserServerMessage,
  parseBrowserClientMessage,
  splitBrowserAudio,
  type BrowserServerMessage,
} from './browser-call-codec.js';
import {
  createBrowserCallLeg,
  type BrowserCallLeg,
  type BrowserCallLegSink,
} from './browser-call-leg.js';

/** `audio`: the browser streams its microphone. `text`: the server feeds silence in real time. */
export type BrowserCallMode = 'audio' | 'text';

export interface BrowserCallTransportOptions {
  /** An accepted (open) WebSocket from the browser. */
  readonly socket: WebSocket;
  readonly carrierCallId: string;
  readonly mode: BrowserCallMode;
  /** A typed caller turn (`{"type":"text"}`), already validated. */
  readonly onText?: (text: string) => void;
  /** The browser asked to hang up; without a handler the leg ends with 'caller-hangup'. */
  readonly onHangup?: () => void;
  readonly logger?: Logger;
  /** Agent audio is dropped while the socket holds more than this unsent (default 256 KiB, 8 s). */
  readonly maxBufferedBytes?: number;
  readonly maxAudioMessageBytes?: number;
  /** After the engine closed the leg, close the socket if nobody did within this time (2 s). */
  readonly closeGraceMs?: number;
}

/** One browser socket bound to a call leg. */
export interface BrowserCallTransport {
  readonly leg: BrowserCallLeg;
  /** Send one text message; false when the socket is gone or too far behind. */
  send(message: BrowserServerMessage): boolean;
  /** End the leg from our side without closing the socket (the caller hung up before the call). */
  endLeg(reason: LegEndReason): void;
  /** Tell the browser the call ended (`{"type":"ended"}`) and close with 1000. */
  finish(reason: CallEndReason): void;
  /** Close the socket with `code`; a leg still running ends with `legEndReason`. */
  close(code: number, reason: string, legEndReason?: LegEndReason): void;
  /** Resolves once the socket has closed. */
  readonly closed: Promise<void>;
}

const DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;
/** Text (events) is dropped only far past the audio limit: a peer that far behind is not reading. */
const TEXT_BUFFER_FACTOR = 4;
/** Log every refused message up to this many, then one in a hundred. */
const LOGGED_ERRORS = 20;
/**
 * How far microphone audio may run ahead of the wall clock (a tab that was throttled catches up
 * in a burst). Past it frames are dropped: audio faster than real time would only buy CPU.
 */
const MAX_AUDIO_AHEAD_MS = 2000;
/** Silence frames sent at most per timer tick when the event loop was late (no long bursts). */
const MAX_CATCH_UP_FRAMES = 5;

/**
 * Bind a browser WebSocket to a call leg. Binary messages are microphone audio (checked and cut
 * into 20 ms frames); text messages go through the codec; a refused message is answered with
 * `{"type":"error"}` and the call goes on. Nothing the browser sends can throw out of here.
 */
export function createBrowserCallTransport(
  options: BrowserCallTransportOptions,
): BrowserCallTransport {
  const { socket, mode } = options;
  const logger = options.logger ?? silentLogger;
  const maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const maxAudioMessageBytes = options.maxAudioMessageBytes ?? DEFAULT_MAX_AUDIO_MESSAGE_BYTES;
  let droppedAudio = 0;
  let droppedText = 0;
  let refused = 0;
  let warnedBinaryInTextMode = false;
  let firstAudioAt: number | undefined;
  let receivedAudioMs = 0;
  let droppedInbound = 0;
  let graceTimer: NodeJS.Timeout | undefined;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  function isOpen(): boolean {
    return socket.readyState === WebSocket.OPEN;
  }

  function sendAudio(audio: Uint8Array): boolean {
    if (!isOpen()) return false;
    if (socket.bufferedAmount > maxBufferedBytes) {
      droppedAudio += 1;
      if (droppedAudio === 1 || droppedAudio % 250 === 0) {
        logger.warn(
          { droppedAudio, bufferedBytes: socket.bufferedAmount },
          'browser too slow, agent audio dropped',
        );
      }
      return false;
    }
    socket.send(audio, { binary: true });
    return true;
  }

  function sendText(text: string): boolean {
    if (!isOpen()) return false;
    if (socket.bufferedAmount > maxBufferedBytes * TEXT_BUFFER_FACTOR) {
      droppedText += 1;
      if (droppedText === 1 || droppedText % 100 === 0) {
        logger.warn(
          { droppedText, bufferedBytes: socket.bufferedAmount },
          'browser too slow, message dropped',
        );
      }
      return false;
    }
    socket.send(text);
    return true;
  }

  function closeSocket(code: number, reason: string): void {
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
      socket.close(code, reason);
    }
  }

  const { leg, sink } = createBrowserCallLeg({
    carrierCallId: options.carrierCallId,
    sendAudio,
    sendText,
    onClose: () => {
      // The call's end is normally told by `finish` right after; this only catches a call that
      // ends without one, so the socket never lingers.
      graceTimer ??= setTimeout(
        () => closeSocket(BROWSER_CLOSE_CODES.normal, 'call ended'),
        options.closeGraceMs ?? 2000,
      );
      graceTimer.unref();
    },
    logger,
  });
  const stopSilence = mode === 'text' ? feedSilence(sink) : () => {};
  leg.on('end', () => stopSilence());

  function refuse(kind: string, message: string): void {
    refused += 1;
    if (refused <= LOGGED_ERRORS || refused % 100 === 0) {
      logger.warn({ kind, refused }, 'browser message refused');
    }
    sendText(encodeBrowserServerMessage({ type: 'error', message }));
  }

  function onBinary(bytes: Uint8Array): void {
    if (mode === 'text') {
      // The server is the microphone in text mode; say so once rather than per frame.
      if (!warnedBinaryInTextMode) {
        warnedBinaryInTextMode = true;
        refuse('binary-in-text-mode', 'audio is ignored in text mode');
      }
      return;
    }
    const split = splitBrowserAudio(bytes, maxAudioMessageBytes);
    if (!split.ok) return refuse(split.error.kind, split.error.message);
    const now = performance.now();
    firstAudioAt ??= now;
    const allowedMs = now - firstAudioAt + MAX_AUDIO_AHEAD_MS;
    for (const frame of split.value) {
      const frameMs = durationMs(BROWSER_AUDIO_FORMAT, frame.byteLength);
      if (receivedAudioMs + frameMs > allowedMs) {
        droppedInbound += 1;
        if (droppedInbound === 1) {
          refuse('audio-too-fast', 'audio arrives faster than real time; the excess is dropped');
        }
        continue;
      }
      receivedAudioMs += frameMs;
      sink.audio(frame);
    }
  }

  function onText(data: Uint8Array): void {
    const parsed = parseBrowserClientMessage(data);
    if (!parsed.ok) return refuse(parsed.error.kind, parsed.error.message);
    const message = parsed.value;
    if (message.type === 'text') {
      if (options.onText === undefined)
        return refuse('unsupported', 'text turns are not taken here');
      options.onText(message.text);
      return;
    }
    if (options.onHangup !== undefined) options.onHangup();
    else sink.end('caller-hangup');
  }

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (leg.ended) return;
    try {
      const bytes = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : new Uint8Array(data);
      if (isBinary) onBinary(bytes);
      else onText(bytes);
    } catch (error) {
      // Defensive: our own bug must cost this message, not the process.
      logger.error({ err: error }, 'browser message handling failed');
      refuse('internal', 'message could not be handled');
    }
  });

  socket.on('error', (error) => {
    logger.warn({ err: error }, 'browser socket error');
    sink.end('connection-lost');
  });

  socket.on('close', (code: number) => {
    stopSilence();
    if (graceTimer !== undefined) clearTimeout(graceTimer);
    if (!leg.ended) {
      // 1006: the connection dropped without a close frame (network), not a hang-up.
      const reason: LegEndReason = code === 1006 ? 'connection-lost' : 'caller-hangup';
      logger.info({ code, reason }, 'browser closed the call');
      sink.end(reason);
    } else {
      logger.debug({ code }, 'browser socket closed');
    }
    resolveClosed();
  });

  return {
    leg,
    send: (message) => sendText(encodeBrowserServerMessage(message)),
    endLeg: (reason) => sink.end(reason),
    finish(reason) {
      // Past any backpressure limit: one small last message, and the socket closes after it.
      if (isOpen()) socket.send(encodeBrowserServerMessage({ type: 'ended', reason }));
      sink.end('agent-hangup');
      closeSocket(BROWSER_CLOSE_CODES.normal, 'call ended');
    },
    close(code, reason, legEndReason = 'connection-lost') {
      sink.end(legEndReason);
      closeSocket(code, reason);
    },
    closed,
  };
}

/**
 * Feed 20 ms of silence every 20 ms, by the wall clock rather than by counting ticks, so that
 * timer jitter neither drifts nor bursts. Returns the stop function.
 */
function feedSilence(sink: BrowserCallLegSink): () => void {
  const startedAt = performance.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.floor((performance.now() - startedAt) / BROWSER_FRAME_MS);
    // After a long stall, skip ahead instead of sending seconds of silence at once.
    if (due - sent > MAX_CATCH_UP_FRAMES) sent = due - MAX_CATCH_UP_FRAMES;
    while (sent < due) {
      sent += 1;
      // A fresh frame each time: the engine may keep frames (while a call is being prepared).
      sink.audio(new Uint8Array(BROWSER_FRAME_BYTES));
    }
  }, BROWSER_FRAME_MS);
  timer.unref();
  return () => clearInterval(timer);
}
