import { ProviderError } from '../../errors/index.js';

/** The JSON body Twilio (and SignalWire's LaML API) returns with a failed request. */
export interface TwilioErrorBody {
  readonly code?: number;
  readonly message?: string;
  readonly more_info?: string;
  readonly status?: number;
}

/**
 * A refused or failed Twilio REST request. `status` is the HTTP status; `twilioCode` and
 * `twilioMessage` come from the error body when there was one (e.g. 20404, 21220).
 */
export class TwilioRestError extends ProviderError {
  readonly twilioCode: number | undefined;
  readonly twilioMessage: string | undefined;

  constructor(
    message: string,
    options: {
      provider: string;
      status?: number;
      twilioCode?: number;
      twilioMessage?: string;
      cause?: unknown;
    },
  ) {
    super(message, {
      provider: options.provider,
      status: options.status,
      code: options.twilioCode === undefined ? 'provider_error' : `twilio_${options.twilioCode}`,
      cause: options.cause,
    });
    this.name = 'TwilioRestError';
    this.twilioCode = options.twilioCode;
    this.twilioMessage = options.twilioMessage;
  }
}

/** Read Twilio's error JSON from a failed response body, if it is one. */
export function parseTwilioErrorBody(text: string): TwilioErrorBody {
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null) return {};
    const record = json as Record<string, unknown>;
    return {
      code: typeof record.code === 'number' ? record.code : undefined,
      message: typeof record.message === 'string' ? record.message.slice(0, 500) : undefined,
      more_info: typeof record.more_info === 'string' ? record.more_info : undefined,
      status: typeof record.status === 'number' ? record.status : undefined,
    };
  } catch {
    return {};
  }
}
