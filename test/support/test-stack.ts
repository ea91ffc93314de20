import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootServer, EXAMPLE_PROVISIONING } from '../../src/cli/boot.js';
import { createCallerSpeech } from '../../src/cli/caller-speech.js';
import {
  DEMO_ACCOUNT_SID,
  DEMO_AUTH_TOKEN,
  DEMO_NUMBER,
  startDemoEnvironment,
  type DemoEnvironment,
  type DemoEnvironmentOptions,
} from '../../src/cli/demo-environment.js';
import type { CallEndedEvent, CallEvent } from '../../src/engine/call-events.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';
import type { SwitchboardServer } from '../../src/server/switchboard-server.js';
import type { ChatRequestBody } from '../../src/testing/fake-openai/index.js';
import type { CallerStep } from '../../src/testing/simulated-caller/caller-script.js';
import {
  SimulatedCaller,
  type CallerReport,
  type SimulatedCallerOptions,
} from '../../src/testing/simulated-caller/simulated-caller.js';

/** The short-call provisioning of the end-to-end tests (greeting "Hi!", no silence timers). */
export const TEST_AGENTS = fileURLToPath(new URL('../fixtures/test-agents.yaml', import.meta.url));

/** The caller id the simulated callers use unless a test picks another. */
export const TEST_CALLER_NUMBER = '+15550199999';

export interface TestStackOptions extends DemoEnvironmentOptions {
  /** Extra or overriding environment variables for the server. */
  readonly env?: Record<string, string>;
  /** Provisioning file; the shipped example by default. */
  readonly provisioning?: string;
  /** The server's logger (e.g. one writing to a stream the test reads); silent by default. */
  readonly logger?: Logger;
  /** DATA_DIR to use (e.g. one a previous server left); a fresh temporary folder by default. */
  readonly dataDir?: string;
}

export interface TestStack {
  readonly server: SwitchboardServer;
  /** The server's DATA_DIR (embedded database, spool, recordings). */
  readonly dataDir: string;
  readonly demo: DemoEnvironment;
  /** Every call event the server emitted, in order. */
  readonly events: CallEvent[];
  /** Places a simulated call with the given script; resolves when it ended. */
  call(
    script: readonly CallerStep[],
    options?: Partial<SimulatedCallerOptions>,
  ): Promise<CallerReport>;
  /** Events of one call, by the carrier's CallSid. */
  eventsOf(callSid: string): CallEvent[];
  /** Resolves with the first event (past or future) that matches; rejects after `timeoutMs`. */
  waitForEvent<T extends CallEvent>(
    predicate: (event: CallEvent) => event is T,
    timeoutMs?: number,
  ): Promise<T>;
  waitForEvent(predicate: (event: CallEvent) => boolean, timeoutMs?: number): Promise<CallEvent>;
  /** Resolves with the `call-ended` event of a call, by the carrier's CallSid. */
  callEnded(callSid: string, timeoutMs?: number): Promise<CallEndedEvent>;
  /** Bodies of the chat requests the fake OpenAI received, in order. */
  chatRequests(): ChatRequestBody[];
  close(): Promise<void>;
}

const speech = createCallerSpeech('rms');

/**
 * The whole product on loopback: the fake providers, a real Switchboard server on port 0 (with
 * Silero VAD), and simulated callers speaking Twilio's Media Streams protocol to it.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const demo = await startDemoEnvironment(options);
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'switchboard-test-')));
  const server = await bootServer(
    {
      ...demo.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      SHUTDOWN_TIMEOUT_MS: '2000',
      ...options.env,
    },
    {
      defaultProvisioning: options.provisioning ?? EXAMPLE_PROVISIONING,
      logger: options.logger ?? createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    },
  );
  const events: CallEvent[] = [];
  const callIds = new Map<string, string>();
  const waiters = new Set<{
    predicate: (event: CallEvent) => boolean;
    resolve: (event: CallEvent) => void;
  }>();
  server.runtime.onCallEvent((event) => {
    events.push(event);
    if (event.type === 'call-started') callIds.set(event.carrierCallId, event.callId);
    for (const waiter of [...waiters]) {
      if (!waiter.predicate(event)) continue;
      waiters.delete(waiter);
      waiter.resolve(event);
    }
  });
  const waitForEvent = (
    predicate: (event: CallEvent) => boolean,
    timeoutMs = 30_000,
  ): Promise<CallEvent> => {
    const found = events.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (event: CallEvent) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching call event within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };
  return {
    server,
    dataDir,
    demo,
    events,
    call: (script, callerOptions = {}) =>
      new SimulatedCaller({
        serverUrl: server.url,
        publicUrl: server.publicUrl,
        accountSid: DEMO_ACCOUNT_SID,
        authToken: DEMO_AUTH_TOKEN,
        from: TEST_CALLER_NUMBER,
        to: DEMO_NUMBER,
        script,
        speech,
        endWaitMs: 8000,
        ...callerOptions,
      }).run(),
    eventsOf: (callSid) => {
      const callId = callIds.get(callSid);
      return callId === undefined ? [] : events.filter((event) => event.callId === callId);
    },
    waitForEvent: waitForEvent as TestStack['waitForEvent'],
    callEnded: (callSid, timeoutMs) =>
      waitForEvent(
        (event) => event.type === 'call-ended' && event.callId === callIds.get(callSid),
        timeoutMs,
      ) as Promise<CallEndedEvent>,
    chatRequests: () =>
      demo.openai.requests
        .filter(
          (request) => request.method === 'POST' && request.path.endsWith('/chat/completions'),
        )
        .map((request) => request.body as ChatRequestBody),
    close: async () => {
      await server.close();
      await demo.close();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
