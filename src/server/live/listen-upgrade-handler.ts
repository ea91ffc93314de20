import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { OrgPrincipal } from '../../platform/api/api-principal.js';
import { hasScope } from '../../platform/api/http/mount-routes.js';
import { LISTEN_SAMPLE_RATE } from './live-audio-fan-out.js';
import type { LiveCallHub } from './live-call-hub.js';

/** Close codes of the listen-in socket. */
export const LISTEN_CLOSE_CODES = {
  /** The call ended (after `{"type":"ended"}`). */
  ended: 1000,
  /** The server is shutting down. */
  goingAway: 1001,
  /** Authentication could not be checked (e.g. the database is unreachable). */
  internalError: 1011,
  unauthenticated: 4401,
  forbidden: 4403,
  /** No such call in the organisation, or not live in this process. */
  notLive: 4404,
} as const;

/** Audio a listener may leave unsent before frames are skipped: about 4 s of both lanes. */
const DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;

/** How long a closing listener has to answer the close before its socket is dropped. */
const CLOSE_GRACE_MS = 1_000;

const listenPath =
  /^\/v1\/calls\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/listen\/?$/i;

export interface ListenUpgradeHandlerOptions {
  readonly hub: LiveCallHub;
  /**
   * Who opens the socket: the API key or the session cookie (with the Origin checked); undefined
   * when neither is valid.
   */
  readonly authenticate: (request: IncomingMessage) => Promise<OrgPrincipal | undefined>;
  readonly logger?: Logger;
  /** Unsent audio (bytes) above which a slow listener's frames are skipped (default 256 KiB). */
  readonly maxBufferedBytes?: number;
}

/** The listen-in WebSocket endpoint, for the HTTP server's `upgrade` event. */
export interface ListenUpgradeHandler {
  /** Takes the upgrade when it is `GET /v1/calls/<uuid>/listen`; false leaves it to others. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes every listen-in socket with 1001 and refuses new ones. */
  close(): void;
}

/** The call id of a listen-in URL, or undefined for any other URL. */
export function matchListenPath(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const pathname = url.split('?', 1)[0] ?? '';
  return listenPath.exec(pathname)?.[1]?.toLowerCase();
}

/**
 * `GET /v1/calls/{callId}/listen` (docs/live-calls.md): after `{"type":"listening",…}` the
 * socket carries binary frames, a lane byte (0 caller, 1 agent) then PCM16LE 16 kHz, until
 * `{"type":"ended","reason"}` and a 1000 close. Failures are close codes, after the upgrade so
 * that browsers can read them: 4401 unauthenticated, 4403 forbidden, 4404 not live here (or no
 * such call in the organisation). A listener that cannot keep up misses frames rather than
 * queueing them.
 *
 * @example
 * const listen = createListenUpgradeHandler({ hub, authenticate, logger });
 * httpServer.on('upgrade', (request, socket, head) => listen.handleUpgrade(request, socket, head) || …);
 */
export function createListenUpgradeHandler(
  options: ListenUpgradeHandlerOptions,
): ListenUpgradeHandler {
  const { hub } = options;
  const logger = options.logger ?? silentLogger;
  const maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  // Listeners never send anything that matters; a small limit keeps a peer from sending much.
  const server = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const sockets = new Set<WebSocket>();
  let closed = false;

  const serve = (socket: WebSocket, callId: string, principal: OrgPrincipal | undefined): void => {
    if (principal === undefined) {
      socket.close(LISTEN_CLOSE_CODES.unauthenticated, 'unauthenticated');
      return;
    }
    if (!hasScope(principal.scopes, 'read')) {
      socket.close(LISTEN_CLOSE_CODES.forbidden, 'forbidden');
      return;
    }
    let skipped = 0;
    const stop = hub.listen(callId, principal.orgId, {
      onAudio: (frame) => {
        if (socket.readyState !== WebSocket.OPEN) return;
        if (socket.bufferedAmount > maxBufferedBytes) {
          skipped++;
          return;
        }
        socket.send(frame);
      },
      onClose: (reason) => {
        if (socket.readyState !== WebSocket.OPEN) return;
        if (reason === undefined) {
          socket.close(LISTEN_CLOSE_CODES.goingAway, 'server shutting down');
          return;
        }
        socket.send(JSON.stringify({ type: 'ended', reason }));
        socket.close(LISTEN_CLOSE_CODES.ended, 'call ended');
      },
    });
    if (stop === undefined) {
      socket.close(LISTEN_CLOSE_CODES.notLive, 'call not live');
      return;
    }
    logger.info({ callId, keyId: principal.keyId }, 'listen-in started');
    socket.send(JSON.stringify({ type: 'listening', callId, sampleRate: LISTEN_SAMPLE_RATE }));
    socket.on('close', () => {
      stop();
      logger.info({ callId, skippedFrames: skipped }, 'listen-in ended');
    });
  };

  const accept = async (
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    callId: string,
  ): Promise<void> => {
    let principal: OrgPrincipal | undefined;
    let failed = false;
    try {
      principal = await options.authenticate(request);
    } catch (error) {
      logger.error({ err: error }, 'could not authenticate a listen-in request');
      failed = true;
    }
    if (closed || socket.destroyed) {
      socket.destroy();
      return;
    }
    server.handleUpgrade(request, socket, head, (webSocket) => {
      sockets.add(webSocket);
      webSocket.on('close', () => sockets.delete(webSocket));
      webSocket.on('error', (error) => logger.debug({ err: error }, 'listen-in socket error'));
      if (failed) webSocket.close(LISTEN_CLOSE_CODES.internalError, 'authentication unavailable');
      else serve(webSocket, callId, principal);
    });
  };

  return {
    handleUpgrade(request, socket, head) {
      const callId = matchListenPath(request.url);
      if (callId === undefined) return false;
      // Until ws owns the socket, a reset during authentication must not become an uncaught error.
      socket.on('error', (error) => logger.debug({ err: error }, 'listen-in socket error'));
      if (closed) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
        return true;
      }
      void accept(request, socket, head, callId).catch((error: unknown) => {
        logger.error({ err: error }, 'listen-in upgrade failed');
        socket.destroy();
      });
      return true;
    },
    close() {
      if (closed) return;
      closed = true;
      for (const socket of sockets) {
        socket.close(LISTEN_CLOSE_CODES.goingAway, 'server shutting down');
        // A peer that never answers the close would hold the HTTP server's shutdown for 30 s.
        setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
      }
      server.close();
    },
  };
}
