import type { Logger } from '../../logging/logger.js';
import type { OpenSocket } from '../shared/provider-socket.js';

interface Spare {
  readonly key: string;
  readonly socket: Promise<OpenSocket | undefined>;
  readonly timer: NodeJS.Timeout;
}

/**
 * Holds at most one pre-opened socket (init message already sent) for the next utterance, so its
 * first audio does not wait for TLS, the upgrade and the init round trip. A spare is only handed
 * to a stream whose key (URL plus init message) matches, is closed when unused for `idleMs`, and
 * is thrown away if the server sent or closed anything while it waited.
 */
export class ElevenLabsPrewarmPool {
  readonly #idleMs: number;
  readonly #logger: Logger;
  #spare: Spare | undefined;
  #closed = false;

  /** `logger` is the model's: a spare is opened for whichever stream comes next, not for one call. */
  constructor(idleMs: number, logger: Logger) {
    this.#idleMs = idleMs;
    this.#logger = logger;
  }

  /** Starts opening a spare for `key` unless one for it is already there. */
  warm(key: string, open: () => Promise<OpenSocket>): void {
    if (this.#closed || this.#spare?.key === key) return;
    this.#discard();
    const timer = setTimeout(() => this.#discard(), this.#idleMs);
    timer.unref();
    const socket = open().catch((error: unknown) => {
      this.#logger.debug({ err: error }, 'ElevenLabs pre-warm connection failed');
      return undefined;
    });
    this.#spare = { key, timer, socket };
  }

  /**
   * The spare for `key` when it is open and untouched; otherwise undefined. `streamLogger` is the
   * logger of the stream asking, since a stale spare is news about that stream.
   */
  async take(key: string, streamLogger: Logger): Promise<OpenSocket | undefined> {
    const spare = this.#spare;
    if (spare === undefined || spare.key !== key) return undefined;
    this.#spare = undefined;
    clearTimeout(spare.timer);
    const opened = await spare.socket;
    if (opened === undefined) return undefined;
    if (opened.hasEarlyEvents || !opened.isOpen) {
      streamLogger.debug('ElevenLabs pre-warmed socket went stale, opening a new one');
      opened.socket.terminate();
      return undefined;
    }
    return opened;
  }

  /** Closes the spare and stops warming. */
  close(): void {
    this.#closed = true;
    this.#discard();
  }

  #discard(): void {
    const spare = this.#spare;
    if (spare === undefined) return;
    this.#spare = undefined;
    clearTimeout(spare.timer);
    void spare.socket.then((opened) => opened?.socket.close(1000));
  }
}
