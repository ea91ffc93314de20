import type { CallEvent } from './call-events.js';
import type { Clock } from './clock.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A call event before the emitter stamps its id, sequence number and times. */
export type CallEventInput = DistributiveOmit<CallEvent, 'callId' | 'seq' | 'at' | 'offsetMs'>;

/** Stamps events with the call id, a gap-free sequence number and both clocks, in order. */
export class CallEventEmitter {
  readonly #callId: string;
  readonly #clock: Clock;
  readonly #startedAt: number;
  readonly #listener: (event: CallEvent) => void;
  #seq = 0;

  constructor(
    callId: string,
    clock: Clock,
    startedAt: number,
    listener: (event: CallEvent) => void,
  ) {
    this.#callId = callId;
    this.#clock = clock;
    this.#startedAt = startedAt;
    this.#listener = listener;
  }

  emit(input: CallEventInput): CallEvent {
    const event = {
      ...input,
      callId: this.#callId,
      seq: this.#seq++,
      at: this.#clock.wallNow(),
      offsetMs: Math.round(this.#clock.now() - this.#startedAt),
    } as CallEvent;
    this.#listener(event);
    return event;
  }
}
