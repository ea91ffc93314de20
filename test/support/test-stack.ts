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
import type { CallEvent } from '../../src/engine/call-events.js';
import { createLogger } from '../../src/logging/logger.js';
import type { SwitchboardServer } from '../../src/server/switchboard-server.js';
import type { CallerStep } from '../../src/testing/simulated-caller/caller-script.js';
import {
  SimulatedCaller,
  type CallerReport,
  type SimulatedCallerOptions,
} from '../../src/testing/simulated-caller/simulated-caller.js';

export interface TestStack {
  readonly server: SwitchboardServer;
  readonly demo: DemoEnvironment;
  /** Every call event the server emitted, in order. */
  readonly events: CallEvent[];
  /** Places a simulated call with the given script; resolves when it ended. */
  call(script: readonly CallerStep[], options?: Partial<SimulatedCallerOptions>): Promise<CallerReport>;
  /** Events of one call, by the carrier's CallSid. */
  eventsOf(callSid: string): CallEvent[];
  close(): Promise<void>;
}

const speech = createCallerSpeech('rms');

/**
 * The whole product on loopback: the fake providers, a real Switchboard server on port 0 (with
 * Silero VAD), and simulated callers speaking Twilio's Media Streams protocol to it.
 */
export async function startTestStack(
  options: DemoEnvironmentOptions & { env?: Record<string, string>; provisioning?: string } = {},
): Promise<TestStack> {
  const demo = await startDemoEnvironment(options);
  const server = await bootServer(
    {
      ...demo.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      SHUTDOWN_TIMEOUT_MS: '2000',
      ...options.env,
    },
    {
      defaultProvisioning: options.provisioning ?? EXAMPLE_PROVISIONING,
      logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    },
  );
  const events: CallEvent[] = [];
  const callIds = new Map<string, string>();
  server.runtime.onCallEvent((event) => {
    events.push(event);
    if (event.type === 'call-started') callIds.set(event.carrierCallId, event.callId);
  });
  return {
    server,
    demo,
    events,
    call: (script, callerOptions = {}) =>
      new SimulatedCaller({
        serverUrl: server.url,
        publicUrl: server.publicUrl,
        accountSid: DEMO_ACCOUNT_SID,
        authToken: DEMO_AUTH_TOKEN,
        from: '+15550199999',
        to: DEMO_NUMBER,
        script,
        speech,
        endWaitMs: 8000,
        ...callerOptions,
      }).run(),
    eventsOf: (callSid) => {
      const callId = callIds.get(callSid);
      return events.filter((event) => event.callId === callId);
    },
    close: async () => {
      await server.close();
      await demo.close();
    },
  };
}
