import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import type { CallEvent } from '../../engine/call-events.js';
import type { VoiceSession } from '../../engine/voice-session.js';
import type { Logger } from '../../logging/logger.js';
import type { OrgPrincipal } from '../../platform/api/api-principal.js';
import { hasScope } from '../../platform/api/http/index.js';
import { closeUnstartedTestCall, routeTestCall } from '../../platform/routing/route-test-call.js';
import {
  BROWSER_AUDIO_FORMAT,
  BROWSER_CLOSE_CODES,
  createBrowserCallTransport,
  type BrowserCallMode,
  type BrowserCallTransport,
} from '../../telephony/browser/index.js';
import type { TestCallTarget } from './test-call-target.js';
import type { TestCallUpgradeHandlerOptions } from './test-call-options.js';

/** One browser test call, from the accepted upgrade to the closed socket. */
export interface TestCallConnection {
  /** Accepted and counted against capacity, but the runtime has not started the call yet. */
  readonly settingUp: boolean;
  /** A call event of this connection's call (the handler dispatches by call id). */
  onCallEvent(event: CallEvent): void;
  /**
   * Server shutdown: a running call ends as 'shutdown' (the browser gets `ended` and 1000); a
   * connection still being set up is closed with 1001.
   */
  shutdown(): void;
  /** Resolves once the socket has closed and the call (if any) has ended. */
  readonly done: Promise<void>;
}

/** Shared by the handler and each connection. */
export interface TestCallContext {
  readonly options: TestCallUpgradeHandlerOptions;
  readonly closing: boolean;
  readonly settingUp: number;
  register(callId: string, connection: TestCallConnection): void;
  unregister(callId: string): void;
}

/** Typed turns kept while the call starts; more are refused until it has. */
const MAX_EARLY_TEXTS = 5;

/**
 * Runs one test call on an accepted, paused socket: authenticate, check scope and capacity,
 * route and record the call, then hand a browser leg to the runtime and relay the call's events.
 */
export function serveTestCall(input: {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  readonly target: TestCallTarget;
  readonly context: TestCallContext;
  readonly logger: Logger;
}): TestCallConnection {
  const { socket, context } = input;
  const { options } = context;
  // Named before routing so that every line of this call, refusals included, carries its id.
  const carrierCallId = `browser-${randomUUID()}`;
  let logger = input.logger.child({ callSid: carrierCallId });
  let settingUp = false;
  let transport: BrowserCallTransport | undefined;
  let session: VoiceSession | undefined;
  let callId: string | undefined;
  const earlyTexts: string[] = [];
  let shuttingDown = false;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  socket.once('close', () => {
    if (transport === undefined) resolveDone();
  });

  /** A refusal before the call exists: the socket was paused, and must read to close cleanly. */
  function refuse(code: number, reason: string, level: 'info' | 'warn' = 'info'): void {
    logger[level]({ code, reason }, 'test call refused');
    socket.resume();
    if (socket.readyState === WebSocket.OPEN) socket.close(code, reason);
  }

  function onText(text: string): void {
    if (session !== undefined) return session.submitCallerText(text);
    if (earlyTexts.length >= MAX_EARLY_TEXTS) {
      transport?.send({ type: 'error', message: 'the call is still starting; text ignored' });
      return;
    }
    earlyTexts.push(text);
  }

  function onHangup(): void {
    logger.info('browser hung up');
    if (session !== undefined) void session.end('caller-hangup');
    // Before the session exists the leg's end waits in the runtime's hold and ends it at once.
    else transport?.endLeg('caller-hangup');
  }

  async function run(): Promise<void> {
    const target = input.target;
    if (target.mode === undefined) {
      return refuse(BROWSER_CLOSE_CODES.policy, 'mode must be "audio" or "text"');
    }
    let principal: OrgPrincipal | undefined;
    try {
      principal = await options.authenticate(input.request);
    } catch (error) {
      logger.error({ err: error }, 'test call authentication failed');
      return refuse(BROWSER_CLOSE_CODES.internal, 'authentication failed', 'warn');
    }
    if (principal === undefined)
      return refuse(BROWSER_CLOSE_CODES.unauthenticated, 'unauthenticated');
    logger = logger.child({ orgId: principal.orgId });
    if (!hasScope(principal.scopes, 'admin')) {
      return refuse(BROWSER_CLOSE_CODES.forbidden, 'admin scope required');
    }
    if (context.closing || !options.runtime.accepting) {
      return refuse(BROWSER_CLOSE_CODES.noCapacity, 'shutting down');
    }
    const max = options.maxConcurrentCalls;
    if (max !== undefined && options.runtime.activeCalls + context.settingUp >= max) {
      return refuse(BROWSER_CLOSE_CODES.noCapacity, 'no capacity: all lines are busy', 'warn');
    }
    if (socket.readyState !== WebSocket.OPEN) return;
    settingUp = true;
    try {
      await startCall(principal, target.agentId, target.mode);
    } finally {
      settingUp = false;
    }
  }

  async function startCall(
    principal: OrgPrincipal,
    agentId: string,
    mode: BrowserCallMode,
  ): Promise<void> {
    const routed = await routeTestCall(options.database, {
      orgId: principal.orgId,
      agentId,
      from: `browser:${principal.keyId}`,
      carrierCallId,
    });
    if (routed === undefined) return refuse(BROWSER_CLOSE_CODES.notFound, 'unknown agent');
    const routedCallId = routed.callId;
    callId = routedCallId;
    logger = logger.child({ callId: routedCallId });
    const closeRecord = (reason: string) =>
      closeUnstartedTestCall(options.database, {
        orgId: principal.orgId,
        callId: routedCallId,
        reason,
      }).catch((error: unknown) =>
        logger.error(
          { err: error },
          'could not close the record of a test call that never started',
        ),
      );
    if (context.closing) {
      await closeRecord('shutdown');
      return refuse(BROWSER_CLOSE_CODES.noCapacity, 'shutting down');
    }
    if (socket.readyState !== WebSocket.OPEN) {
      logger.info('browser left while the test call was set up');
      await closeRecord('caller-hangup');
      return;
    }
    const created = createBrowserCallTransport({
      socket,
      carrierCallId,
      mode,
      onText,
      onHangup,
      logger,
    });
    transport = created;
    void created.closed.then(async () => {
      // The call ends through its leg; the connection is done once its call-ended went out.
      if (session !== undefined) await session.done;
      context.unregister(routedCallId);
      resolveDone();
    });
    context.register(routedCallId, connection);
    // The browser learns its call id before the first event (call-started comes from startCall).
    created.send({
      type: 'call',
      callId: routedCallId,
      sampleRate: BROWSER_AUDIO_FORMAT.sampleRate,
    });
    socket.resume();
    logger.info(
      { mode, agent: routed.agentName, agentVersion: routed.agentVersion },
      'test call started',
    );
    const started = await options.runtime
      .startCall({
        leg: created.leg,
        carrierCallId,
        from: `browser:${principal.keyId}`,
        to: routed.to,
        parameters: { callId: routedCallId, agent: routed.agentName },
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'test call could not start');
        return undefined;
      });
    if (started === undefined) {
      await closeRecord(shuttingDown ? 'shutdown' : 'error');
      if (shuttingDown)
        created.close(BROWSER_CLOSE_CODES.goingAway, 'server shutting down', 'error');
      else created.close(BROWSER_CLOSE_CODES.internal, 'the call could not start', 'error');
      return;
    }
    session = started;
    if (shuttingDown) {
      void started.end('shutdown');
      return;
    }
    for (const text of earlyTexts.splice(0)) started.submitCallerText(text);
  }

  const connection: TestCallConnection = {
    get settingUp() {
      return settingUp;
    },
    onCallEvent(event) {
      if (transport === undefined) return;
      transport.send({ type: 'event', event });
      if (event.type === 'call-ended') {
        logger.info({ reason: event.reason }, 'test call ended');
        transport.finish(event.reason);
        if (callId !== undefined) context.unregister(callId);
      }
    },
    shutdown() {
      shuttingDown = true;
      if (session !== undefined) void session.end('shutdown');
      else if (transport === undefined)
        refuse(BROWSER_CLOSE_CODES.goingAway, 'server shutting down');
      // Otherwise the runtime is starting the call: it is ended as soon as it exists.
    },
    done,
  };

  void run().catch((error: unknown) => {
    // Routing needs the database; an outage must cost this call, not the process.
    logger.error({ err: error }, 'test call setup failed');
    if (transport !== undefined)
      transport.close(BROWSER_CLOSE_CODES.internal, 'setup failed', 'error');
    else refuse(BROWSER_CLOSE_CODES.internal, 'setup failed', 'warn');
  });
  return connection;
}
