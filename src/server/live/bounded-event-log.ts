import type { CallEvent } from '../../engine/call-events.js';

/**
 * A call's events in order, at most `capacity` of them: once full, the oldest go, except the
 * call's first event (`call-started`, which says who is on the call). A long call therefore holds
 * a fixed amount of memory whatever its length.
 */
export class BoundedEventLog {
  #first: CallEvent | undefined;
  /** Events after the first, in a ring of `capacity - 1` slots starting at `#start`. */
  readonly #ring: (CallEvent | undefined)[];
  #start = 0;
  #count = 0;
  #dropped = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2)
      throw new RangeError(`event log capacity must be an integer of at least 2, got ${capacity}`);
    this.#ring = new Array<CallEvent | undefined>(capacity - 1);
  }

  /** How many events the log holds. */
  get size(): number {
    return (this.#first === undefined ? 0 : 1) + this.#count;
  }

  /** How many events were dropped to stay within the capacity. */
  get dropped(): number {
    return this.#dropped;
  }

  append(event: CallEvent): void {
    if (this.#first === undefined) {
      this.#first = event;
      return;
    }
    const slots = this.#ring.length;
    if (this.#count < slots) {
      this.#ring[(this.#start + this.#count) % slots] = event;
      this.#count++;
      return;
    }
    this.#ring[this.#start] = event;
    this.#start = (this.#start + 1) % slots;
    this.#dropped++;
  }

  /** The events held, oldest first. */
  toArray(): CallEvent[] {
    const events: CallEvent[] = this.#first === undefined ? [] : [this.#first];
    const slots = this.#ring.length;
    for (let index = 0; index < this.#count; index++) {
      const event = this.#ring[(this.#start + index) % slots];
      if (event !== undefined) events.push(event);
    }
    return events;
  }
}
