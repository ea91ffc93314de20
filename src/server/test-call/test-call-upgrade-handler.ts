import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CallEvent } from '../../engine/call-events.js';
import { silentLogger } from '../../logging/logger.js';
import { serveTestCall, type TestCallConnection, type TestCallContext } from './serve-test-call.js';
import type { TestCallUpgradeHandlerOptions } from './test-call-options.js';
import { parseTestCallTarget, type TestCallTarget } from './test-call-target.js';

/** Serves `GET /v1/agents/{agentId}/test-call` upgrades (docs/live-calls.md). */
export interface TestCallUpgradeHandler {
  /** True when the request was for a test call (and is now answered); false: not ours. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Test calls now connected or being set up. */
  readonly activeConnections: number;
  /**
   * Refuse new test calls (4429) and end the open ones as 'shutdown' (a connection still being set
   * up is closed with 1001). Call it after the runtime's shutdown, which lets calls finish first.
   */
  close(): void;
}

let connectionCounter = 0;

/**
 * Browser test calls: each one is routed to the agent's current version, recorded, and run by the
 * call runtime like a phone call, with the browser as its carrier. Refusals happen after the
 * upgrade, as close codes with a reason, so a browser (which cannot read an HTTP refusal) learns
 * why: 4401 unauthenticated, 4403 not admin, 4404 unknown agent, 4429 no capacity.
 */
export function createTestCallUpgradeHandler(
  options: TestCallUpgradeHandlerOptions,
): TestCallUpgradeHandler {
  const logger = options.logger ?? silentLogger;
  const webSocketServer = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes ?? 1024 * 1024,
    perMessageDeflate: false,
    // Connections are tracked here; with noServer the ws server then holds nothing to close.
    clientTracking: false,
    // Text is parsed leniently by the codec: invalid UTF-8 becomes an error reply there instead of
    // a protocol close that would end the call.
    skipUTF8Validation: true,
  });
  const connections = new Set<TestCallConnection>();
  /** Connections by call id, for the one runtime listener that forwards events. */
  const byCallId = new Map<string, TestCallConnection>();
  let unsubscribe: (() => void) | undefined;
  let closing = false;

  const forward = (event: CallEvent): void => {
    byCallId.get(event.callId)?.onCallEvent(event);
  };
  const stopForwarding = (): void => {
    unsubscribe?.();
    unsubscribe = undefined;
  };

  const context: TestCallContext = {
    options,
    get closing() {
      return closing;
    },
    /** Connections still setting up hold a line: a burst cannot overshoot the limit. */
    get settingUp() {
      let count = 0;
      for (const connection of connections) if (connection.settingUp) count += 1;
      return count;
    },
    register(callId: string, connection: TestCallConnection) {
      unsubscribe ??= options.runtime.onCallEvent(forward);
      byCallId.set(callId, connection);
    },
    unregister(callId: string) {
      byCallId.delete(callId);
    },
  };

  function accept(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    target: TestCallTarget,
  ): void {
    connectionCounter += 1;
    const connectionLogger = logger.child({ testCall: connectionCounter, agentId: target.agentId });
    webSocketServer.handleUpgrade(request, socket, head, (webSocket: WebSocket) => {
      // Reading waits until the call is set up, so nothing the browser sends early is lost.
      webSocket.pause();
      // Until the transport listens, an error must still have a listener (or it would throw).
      webSocket.on('error', (error) =>
        connectionLogger.debug({ err: error }, 'test call socket error'),
      );
      const connection = serveTestCall({
        socket: webSocket,
        request,
        target,
        context,
        logger: connectionLogger,
      });
      connections.add(connection);
      void connection.done.then(() => {
        connections.delete(connection);
        if (closing && connections.size === 0) stopForwarding();
      });
    });
  }

  return {
    handleUpgrade(request, socket, head) {
      const target = parseTestCallTarget(request.url);
      if (target === undefined) return false;
      try {
        accept(request, socket, head, target);
      } catch (error) {
        // This runs inside the http server's 'upgrade' listener: a throw here would end the process.
        logger.error({ err: error }, 'test call upgrade failed');
        refuseUpgrade(socket);
      }
      return true;
    },
    get activeConnections() {
      return connections.size;
    },
    close() {
      if (closing) return;
      closing = true;
      // Events keep flowing until the last call has told its browser how it ended.
      for (const connection of connections) connection.shutdown();
      if (connections.size === 0) stopForwarding();
      // The WebSocket server stays usable: a test call opened now must still be accepted, to be
      // told 4429 (a closed ws server would answer a bare 503 the browser cannot read).
    },
  };
}

function refuseUpgrade(socket: Duplex): void {
  // The peer may reset a refused connection; an unhandled 'error' would crash the process.
  socket.on('error', () => {});
  if (socket.destroyed) return;
  socket.once('finish', () => socket.destroy());
  socket.end(
    'HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
  );
}
