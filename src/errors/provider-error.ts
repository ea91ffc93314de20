import { SwitchboardError } from './switchboard-error.js';

/** A failure talking to an STT, LLM or TTS provider. */
export class ProviderError extends SwitchboardError {
  readonly provider: string;
  readonly status: number | undefined;

  constructor(
    message: string,
    options: {
      provider: string;
      code?: string;
      status?: number;
      retryable?: boolean;
      cause?: unknown;
    },
  ) {
    super(message, {
      code: options.code ?? 'provider_error',
      retryable: options.retryable ?? isRetryableStatus(options.status),
      cause: options.cause,
    });
    this.name = 'ProviderError';
    this.provider = options.provider;
    this.status = options.status;
  }
}

/** 408, 409, 429 and 5xx are worth retrying; other 4xx are our fault or the key's. */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
