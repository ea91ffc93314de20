/** One thing the simulated caller does, in order. */
export type CallerStep =
  /**
   * Say a line. By default the caller waits until the agent has finished talking (quiet for
   * `quietMs`); with `bargeInAfterMs` it talks over the agent that long after the agent started.
   */
  | { readonly say: string; readonly bargeInAfterMs?: number; readonly pauseBeforeMs?: number }
  /** Press keys (sent as `dtmf` events, one every 250 ms). */
  | { readonly dtmf: string }
  /** Hang up (send `stop` and close). */
  | { readonly hangup: true };

/**
 * The demo call: greeting, two caller turns with one barge-in between them, and a goodbye that
 * makes the agent call `end_call`.
 */
export const DEMO_SCRIPT: readonly CallerStep[] = [
  { say: "Hi, I'd like to book a service appointment for my car." },
  { say: 'Actually, could you do Tuesday morning instead?', bargeInAfterMs: 1500 },
  { say: "That's all, thank you. Goodbye!" },
];
