import { ConfigError, SwitchboardError } from '../../errors/index.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import { dialTwiml, type DialOptions } from './twiml.js';
import { TwilioRestError, parseTwilioErrorBody } from './twilio-rest-error.js';

export const DEFAULT_TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** Twilio refuses a `Twiml` parameter longer than this. */
export const MAX_TWIML_LENGTH = 4000;

export interface TwilioRestClientSettings {
  /** `twilio` (default) or `signalwire`; picks the env variables and names errors. */
  readonly carrier?: 'twilio' | 'signalwire';
  /** Twilio Account SID / SignalWire Project ID. Env: TWILIO_ACCOUNT_SID / SIGNALWIRE_PROJECT_ID. */
  readonly accountSid?: string;
  /** Twilio Auth Token / SignalWire API token. Env: TWILIO_AUTH_TOKEN / SIGNALWIRE_API_TOKEN. */
  readonly authToken?: string;
  /**
   * API root without `/2010-04-01`. Env TWILIO_API_BASE_URL (default https://api.twilio.com) or
   * SIGNALWIRE_API_BASE_URL (`https://{space}.signalwire.com/api/laml`, see signalWireRestBaseUrl).
   */
  readonly baseUrl?: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly logger?: Logger;
  /** Per-request timeout (default 10 s). */
  readonly timeoutMs?: number;
}

export interface TwilioCallUpdate {
  /** New TwiML to run now (replaces the running document; a `<Connect><Stream>` stops). */
  readonly twiml?: string;
  /** Or a URL to fetch the new TwiML from. */
  readonly url?: string;
  readonly method?: 'GET' | 'POST';
  /** `completed` hangs up in any state; `canceled` only while queued or ringing. */
  readonly status?: 'completed' | 'canceled';
}

/** The fields of Twilio's Call resource we read; `raw` holds the whole JSON object. */
export interface TwilioCallResource {
  readonly sid: string;
  readonly status: string | undefined;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Live-call control through Twilio's (or SignalWire's LaML) REST API. */
export interface TwilioRestClient {
  readonly accountSid: string;
  /** POST `/2010-04-01/Accounts/{sid}/Calls/{callSid}.json`. @throws TwilioRestError */
  updateCall(callSid: string, update: TwilioCallUpdate): Promise<TwilioCallResource>;
  /** Hang the call up (`Status=completed`). @throws TwilioRestError */
  hangup(callSid: string): Promise<void>;
  /** Replace the call's TwiML with a `<Dial>` to `destination` (E.164 or sip: URI). */
  transfer(callSid: string, destination: string, options?: DialOptions): Promise<void>;
}

/** SignalWire's LaML REST root for a space name (`example` → https://example.signalwire.com/api/laml). */
export function signalWireRestBaseUrl(space: string): string {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(space)) {
    throw new ConfigError('SIGNALWIRE_SPACE', `"${space.slice(0, 64)}" is not a space name`);
  }
  return `https://${space}.signalwire.com/api/laml`;
}

/** Create a REST client for one account; credentials fall back to the carrier's env variables. */
export function createTwilioRestClient(settings: TwilioRestClientSettings = {}): TwilioRestClient {
  const carrier = settings.carrier ?? 'twilio';
  const env = carrier === 'twilio' ? TWILIO_ENV : SIGNALWIRE_ENV;
  const accountSid = required(
    settings.accountSid ?? process.env[env.accountSid],
    env.accountSid,
    carrier,
  );
  const authToken = required(
    settings.authToken ?? process.env[env.authToken],
    env.authToken,
    carrier,
  );
  const baseUrl = (
    settings.baseUrl ??
    process.env[env.baseUrl] ??
    env.defaultBaseUrl ??
    ''
  ).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(baseUrl)) {
    throw new ConfigError(env.baseUrl, `set the ${carrier} REST base URL (http(s)://…)`);
  }
  const fetchImplementation = settings.fetch ?? globalThis.fetch;
  const logger = settings.logger ?? silentLogger;
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  async function updateCall(
    callSid: string,
    update: TwilioCallUpdate,
  ): Promise<TwilioCallResource> {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(callSid)) {
      throw new SwitchboardError(`${carrier} REST: invalid call id`, { code: 'invalid_argument' });
    }
    const form = new URLSearchParams();
    if (update.twiml !== undefined) {
      if (update.twiml.length > MAX_TWIML_LENGTH) {
        throw new SwitchboardError(
          `${carrier} REST: Twiml exceeds ${MAX_TWIML_LENGTH} characters`,
          {
            code: 'invalid_argument',
          },
        );
      }
      form.set('Twiml', update.twiml);
    }
    if (update.url !== undefined) form.set('Url', update.url);
    if (update.method !== undefined) form.set('Method', update.method);
    if (update.status !== undefined) form.set('Status', update.status);
    if ([...form.keys()].length === 0) {
      throw new SwitchboardError(`${carrier} REST: call update has nothing to change`, {
        code: 'invalid_argument',
      });
    }
    const path = `/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Calls/${callSid}.json`;
    let response: Response;
    try {
      response = await fetchImplementation(`${baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      logger.warn({ callSid, err: error }, 'carrier rest request failed');
      throw new TwilioRestError(`${carrier} REST: updating call failed before a response`, {
        provider: carrier,
        cause: error,
      });
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      const body = parseTwilioErrorBody(text);
      const detail =
        body.code === undefined ? '' : ` (error ${body.code}: ${body.message ?? 'no message'})`;
      logger.warn(
        { callSid, status: response.status, twilioCode: body.code },
        'carrier rest request refused',
      );
      throw new TwilioRestError(
        `${carrier} REST: updating call failed with HTTP ${response.status}${detail}`,
        {
          provider: carrier,
          status: response.status,
          twilioCode: body.code,
          twilioMessage: body.message,
        },
      );
    }
    logger.debug({ callSid, status: response.status }, 'carrier call updated');
    return toCallResource(text, callSid);
  }

  return {
    accountSid,
    updateCall,
    async hangup(callSid) {
      await updateCall(callSid, { status: 'completed' });
    },
    async transfer(callSid, destination, options) {
      await updateCall(callSid, { twiml: dialTwiml(destination, options) });
    },
  };
}

const TWILIO_ENV = {
  accountSid: 'TWILIO_ACCOUNT_SID',
  authToken: 'TWILIO_AUTH_TOKEN',
  baseUrl: 'TWILIO_API_BASE_URL',
  defaultBaseUrl: DEFAULT_TWILIO_API_BASE_URL,
};

const SIGNALWIRE_ENV = {
  accountSid: 'SIGNALWIRE_PROJECT_ID',
  authToken: 'SIGNALWIRE_API_TOKEN',
  baseUrl: 'SIGNALWIRE_API_BASE_URL',
  defaultBaseUrl: undefined,
};

function required(value: string | undefined, setting: string, carrier: string): string {
  if (!value) throw new ConfigError(setting, `set it, or pass it to the ${carrier} REST client`);
  return value;
}

function toCallResource(text: string, callSid: string): TwilioCallResource {
  let raw: Record<string, unknown> = {};
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
      raw = json as Record<string, unknown>;
    }
  } catch {
    // A 2xx with an unreadable body still means the update was accepted.
  }
  return {
    sid: typeof raw.sid === 'string' ? raw.sid : callSid,
    status: typeof raw.status === 'string' ? raw.status : undefined,
    raw,
  };
}
