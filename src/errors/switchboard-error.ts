const marker = Symbol.for('switchboard.error');

/**
 * Base of every error we raise on purpose. `retryable` tells core wrappers whether trying again
 * may help; `code` is stable and safe to show to users and to match on.
 */
export class SwitchboardError extends Error {
  readonly [marker] = true;
  readonly code: string;
  readonly retryable: boolean;

  constructor(message: string, options: { code: string; retryable?: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'SwitchboardError';
    this.code = options.code;
    this.retryable = options.retryable ?? false;
  }

  /** Works across copies of this module (marker is a global symbol). */
  static isInstance(error: unknown): error is SwitchboardError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
