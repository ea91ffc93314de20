import { MULAW_8K } from '../../audio/audio-frame.js';
import type { CallLegEvents, CallLegV1, LegEndReason } from '../../engine/call-leg.js';

type Listeners = { [E in keyof CallLegEvents]: CallLegEvents[E][] };

/**
 * A carrier in memory: records what the engine sends and lets a test play the caller. Marks are
 * echoed only when the test says the caller's side has played them (`echoMarks`), like Twilio.
 */
export class InMemoryCallLeg implements CallLegV1 {
  readonly carrier = 'memory';
  readonly carrierCallId: string;
  readonly inboundFormat = MULAW_8K;
  readonly outboundFormat = MULAW_8K;
  readonly supportsMarks: boolean;
  readonly sent: Uint8Array[] = [];
  /** Every outbound action in order: `media`, `mark:<name>`, `clear`, `hangup`, `transfer:<to>`. */
  readonly actions: string[] = [];
  readonly pendingMarks: string[] = [];
  closed = false;
  /** Make the next transfer fail like a carrier refusing the REST update. */
  failTransfers = false;
  readonly #listeners: Listeners = { audio: [], dtmf: [], mark: [], end: [] };

  constructor(options: { carrierCallId?: string; supportsMarks?: boolean } = {}) {
    this.carrierCallId = options.carrierCallId ?? 'CA-test';
    this.supportsMarks = options.supportsMarks ?? true;
  }

  on<E extends keyof CallLegEvents>(event: E, listener: CallLegEvents[E]): void {
    this.#listeners[event].push(listener);
  }

  sendAudio(audio: Uint8Array): void {
    if (this.closed) return;
    this.sent.push(audio);
    this.actions.push('media');
  }

  sendMark(name: string): void {
    if (this.closed) return;
    this.pendingMarks.push(name);
    this.actions.push(`mark:${name}`);
  }

  clearAudio(): void {
    if (this.closed) return;
    this.actions.push('clear');
    // Twilio echoes every outstanding mark after a clear.
    const marks = this.pendingMarks.splice(0);
    for (const name of marks) this.#emit('mark', name);
  }

  async hangup(): Promise<void> {
    this.actions.push('hangup');
  }

  async transfer(destination: string): Promise<void> {
    this.actions.push(`transfer:${destination}`);
    if (this.failTransfers) throw new Error('carrier refused the transfer');
  }

  close(): void {
    this.closed = true;
  }

  /** The caller's phone played every mark sent so far. */
  echoMarks(): void {
    const marks = this.pendingMarks.splice(0);
    for (const name of marks) this.#emit('mark', name);
  }

  sendCallerAudio(audio: Uint8Array): void {
    this.#emit('audio', audio);
  }

  pressDigit(digit: string): void {
    this.#emit('dtmf', digit);
  }

  end(reason: LegEndReason): void {
    this.#emit('end', reason);
  }

  #emit<E extends keyof CallLegEvents>(event: E, ...args: Parameters<CallLegEvents[E]>): void {
    for (const listener of this.#listeners[event]) {
      (listener as (...values: Parameters<CallLegEvents[E]>) => void)(...args);
    }
  }
}
