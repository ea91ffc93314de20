import type { CallLegEvents } from '../../engine/call-leg.js';
import type { Logger } from '../../logging/logger.js';

type Listeners = { [E in keyof CallLegEvents]: CallLegEvents[E][] };

/**
 * The listeners of one call leg, whatever carries it. A listener that throws is logged and the
 * others still run: a bug in one must not take the socket (and the process) down with it.
 */
export class CallLegListeners {
  readonly #listeners: Listeners = { audio: [], dtmf: [], mark: [], end: [] };
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  add<E extends keyof CallLegEvents>(event: E, listener: CallLegEvents[E]): void {
    this.#listeners[event].push(listener);
  }

  dispatch<E extends keyof CallLegEvents>(event: E, ...values: Parameters<CallLegEvents[E]>): void {
    for (const listener of [...this.#listeners[event]]) {
      try {
        (listener as (...args: Parameters<CallLegEvents[E]>) => void)(...values);
      } catch (error) {
        this.#logger.error({ err: error, event }, 'call leg listener threw');
      }
    }
  }
}
