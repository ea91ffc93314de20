import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { WebSocketServer } from 'ws';
import { ConfigError } from '../../errors/index.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { CallStatusUpdate } from './call-status.js';
import { DEFAULT_MAX_FRAME_BYTES } from './media-stream-codec.js';
import {
  authenticateMediaStreamUpgrade,
  isMediaStreamTarget,
  rejectUpgrade,
} from './media-stream-upgrade.js';
import {
  mediaStreamUrl,
  normalizePublicUrl,
  publicRequestUrl,
  requestTargetOf,
} from './public-url.js';
import { connectStreamTwiml, sayAndHangupTwiml } from './twiml.js';
import type { StreamStartInfo, TwilioCallLeg, TwilioCarrier } from './twilio-call-leg.js';
import {
  createTwilioMediaStreamTransport,
  type TwilioMediaStreamTransport,
} from './twilio-media-stream-transport.js';
import { createTwilioRestClient } from './twilio-rest-client.js';
import {
  signatureHeaderOf,
  verifyCarrierSignature,
  type TwilioCredentialsResolver,
} from './webhook-auth.js';
import {
  parseCallStatusCallback,
  parseIncomingCallWebhook,
  restorePlusPrefix,
  type IncomingCallWebhook,
} from './webhook-params.js';

/** What to do with an incoming call; decided by the caller of createTwilioRoutes. */
export type IncomingCallDecision =
  /** Answer with `<Connect><Stream>`; `parameters` come back in `start.customParameters`. */
  | { readonly kind: 'stream'; readonly parameters?: Readonly<Record<string, string>> }
  /** Refuse politely: the caller hears `say`, then the call hangs up. */
  | {
      readonly kind: 'reject';
      readonly say: string;
      readonly voice?: string;
      readonly language?: string;
    };

/** A webhook arrived for one of our numbers; reported whether or not its signature held. */
export interface WebhookCheck {
  readonly carrier: TwilioCarrier;
  /**
   * Our side of the call as the webhook states it (unverified when `signed` is false): `To` of an
   * inbound call, `From` of an outbound one.
   */
  readonly number: string;
  /** The signature verified; false for forged, unsigned and unknown-account webhooks. */
  readonly signed: boolean;
  readonly webhook: 'voice' | 'status';
}

export interface TwilioRoutesOptions {
  /** PUBLIC_URL: the https origin (plus any prefix a proxy strips) the carrier calls. */
  readonly publicUrl: string;
  /** Default `twilio`. Paths are prefixed with it: /twilio/voice or /signalwire/voice. */
  readonly carrier?: TwilioCarrier;
  readonly resolveCredentials: TwilioCredentialsResolver;
  readonly onIncomingCall: (
    call: IncomingCallWebhook,
  ) => Promise<IncomingCallDecision> | IncomingCallDecision;
  /** A media stream started; attach listeners to `leg` synchronously. */
  readonly onStreamStart: (leg: TwilioCallLeg, startInfo: StreamStartInfo) => void | Promise<void>;
  readonly onStatusCallback?: (update: CallStatusUpdate) => void | Promise<void>;
  /**
   * Called synchronously for every voice webhook and status callback that names a number, after
   * its signature was checked, before it is acted on. Must not block: queue any I/O.
   */
  readonly onWebhookChecked?: (check: WebhookCheck) => void;
  readonly logger?: Logger;
  /** SignalWire: sent as `<Stream authBearerToken>` and accepted on the upgrade instead of a signature. */
  readonly streamBearerToken?: string;
  /** REST root for hangup/transfer (see createTwilioRestClient); required for SignalWire. */
  readonly restBaseUrl?: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Said when our own side fails while answering (default: a short apology). */
  readonly errorSay?: string;
  readonly startTimeoutMs?: number;
  readonly maxConsecutiveErrors?: number;
  readonly maxFrameBytes?: number;
  /** Webhook bodies above this are refused with 413 (default 64 KB). */
  readonly maxBodyBytes?: number;
}

export interface TwilioRoutes {
  /** Voice and status webhooks; mount with `app.route('/', routes.app)`. */
  readonly app: Hono;
  /**
   * Give every http server 'upgrade' here. Returns false when the path is not ours (try the next
   * handler); true when it was answered, accepted or refused.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Media streams currently open. */
  readonly activeStreams: number;
  /** Close every media stream (their legs end with 'connection-lost') and stop accepting. */
  close(): Promise<void>;
}

const DEFAULT_ERROR_SAY = 'Sorry, we cannot take your call right now. Please try again later.';

/** The Twilio / SignalWire HTTP surface: voice webhook, status callbacks, media stream upgrade. */
export function createTwilioRoutes(options: TwilioRoutesOptions): TwilioRoutes {
  const carrier = options.carrier ?? 'twilio';
  const publicUrl = normalizePublicUrl(options.publicUrl);
  const logger = (options.logger ?? silentLogger).child({ carrier });
  const errorSay = options.errorSay ?? DEFAULT_ERROR_SAY;
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (carrier === 'signalwire' && !options.restBaseUrl && !process.env.SIGNALWIRE_API_BASE_URL) {
    throw new ConfigError(
      'SIGNALWIRE_API_BASE_URL',
      'set it to https://{space}.signalwire.com/api/laml',
    );
  }
  const webSocketServer = new WebSocketServer({
    noServer: true,
    maxPayload: maxFrameBytes * 4,
    perMessageDeflate: false,
    // Every frame is parsed as JSON and its payload checked as strict base64, so invalid UTF-8 is
    // refused there anyway; validating it first would cost CPU on 50 frames a second per call.
    skipUTF8Validation: true,
  });
  const transports = new Set<TwilioMediaStreamTransport>();
  let closing = false;

  /** Tells `onWebhookChecked` which of our numbers a webhook was for; its failures only log. */
  function reportWebhook(
    params: URLSearchParams,
    signed: boolean,
    webhook: WebhookCheck['webhook'],
  ): void {
    if (options.onWebhookChecked === undefined) return;
    const outbound = params.get('Direction')?.startsWith('outbound') === true;
    const number = restorePlusPrefix(params.get(outbound ? 'From' : 'To') ?? '');
    if (number === '') return;
    try {
      options.onWebhookChecked({ carrier, number, signed, webhook });
    } catch (error) {
      logger.error({ err: error, webhook }, 'webhook check listener failed');
    }
  }

  /** The form parameters of a correctly signed webhook, or the 403 response refusing it. */
  async function readSignedWebhook(
    context: Context,
    webhook: WebhookCheck['webhook'],
  ): Promise<URLSearchParams | Response> {
    const target = requestTargetOf(rawRequestUrl(context));
    const isPost = context.req.method === 'POST';
    const params = new URLSearchParams(
      isPost ? await context.req.text() : (target.split('?')[1] ?? ''),
    );
    const accountSid = params.get('AccountSid') ?? '';
    const verdict = verifyCarrierSignature({
      credentials: options.resolveCredentials(accountSid),
      signature: signatureHeaderOf(carrier, (name) => context.req.header(name)),
      url: publicRequestUrl(publicUrl, target),
      params: isPost ? params : undefined,
    });
    reportWebhook(params, verdict.ok, webhook);
    if (verdict.ok) return params;
    logger.warn(
      { path: target.split('?')[0], reason: verdict.reason },
      'webhook signature rejected',
    );
    return context.text('Forbidden', 403);
  }

  const app = new Hono();
  const limit = bodyLimit({
    maxSize: options.maxBodyBytes ?? 64 * 1024,
    onError: (context) => context.text('Payload Too Large', 413),
  });

  app.on(['GET', 'POST'], `/${carrier}/voice`, limit, async (context) => {
    const params = await readSignedWebhook(context, 'voice');
    if (params instanceof Response) return params;
    const parsed = parseIncomingCallWebhook(params);
    if (!parsed) {
      logger.warn('voice webhook without CallSid or AccountSid');
      return context.text('Bad Request', 400);
    }
    const call = { ...parsed, query: Object.fromEntries(new URL(context.req.url).searchParams) };
    const callLogger = logger.child({ callSid: call.callSid });
    callLogger.info(
      { direction: call.direction, pii: { from: call.from, to: call.to } },
      'incoming call',
    );
    let twiml: string;
    try {
      const decision = await options.onIncomingCall(call);
      twiml =
        decision.kind === 'reject'
          ? sayAndHangupTwiml(decision.say, { voice: decision.voice, language: decision.language })
          : connectStreamTwiml({
              streamUrl: mediaStreamUrl({ publicUrl, carrier, accountSid: call.accountSid }),
              // Ours last: routing cannot overwrite what identifies the call.
              parameters: {
                ...decision.parameters,
                callSid: call.callSid,
                from: call.from,
                to: call.to,
              },
              authBearerToken: carrier === 'signalwire' ? options.streamBearerToken : undefined,
            });
      callLogger.info({ decision: decision.kind }, 'incoming call answered');
    } catch (error) {
      // The caller hears an apology, never silence.
      callLogger.error({ err: error }, 'incoming call handling failed');
      twiml = sayAndHangupTwiml(errorSay);
    }
    return context.body(twiml, 200, { 'content-type': 'text/xml; charset=utf-8' });
  });

  app.post(`/${carrier}/status`, limit, async (context) => {
    const params = await readSignedWebhook(context, 'status');
    if (params instanceof Response) return params;
    const parsed = parseCallStatusCallback(params);
    if (!parsed.ok) {
      logger.warn({ reason: parsed.reason }, 'status callback refused');
      return context.text('Bad Request', 400);
    }
    const { update } = parsed;
    logger.debug({ callSid: update.callSid, status: update.status }, 'call status callback');
    try {
      await options.onStatusCallback?.(update);
    } catch (error) {
      logger.error({ err: error, callSid: update.callSid }, 'status callback handler failed');
      return context.text('Internal Server Error', 500);
    }
    return context.body(null, 204);
  });

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (!isMediaStreamTarget(carrier, request.url)) return false;
    try {
      acceptUpgrade(request, socket, head);
    } catch (error) {
      // This runs inside the http server's 'upgrade' listener: a throw here would end the process.
      logger.error({ err: error }, 'media stream upgrade failed');
      rejectUpgrade(socket, 500);
    }
    return true;
  }

  function acceptUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const decision = closing
      ? ({ ok: false, status: 403, reason: 'shutting down' } as const)
      : authenticateMediaStreamUpgrade(request, {
          carrier,
          publicUrl,
          resolveCredentials: options.resolveCredentials,
          bearerToken: options.streamBearerToken,
        });
    if (!decision.ok) {
      logger.warn(
        { status: decision.status, reason: decision.reason },
        'media stream upgrade rejected',
      );
      return rejectUpgrade(socket, decision.status);
    }
    const { accountSid, credentials } = decision;
    webSocketServer.handleUpgrade(request, socket, head, (socketConnection) => {
      const transport = createTwilioMediaStreamTransport({
        socket: socketConnection,
        carrier,
        expectedAccountSid: accountSid,
        onStart: options.onStreamStart,
        createCallControl: () => {
          try {
            return createTwilioRestClient({
              carrier,
              accountSid,
              authToken: credentials.authToken,
              baseUrl: options.restBaseUrl,
              fetch: options.fetch,
              logger,
            });
          } catch (error) {
            // The stream still runs; hangup falls back to closing it, transfer is refused.
            logger.error({ err: error }, 'call control unavailable');
            return undefined;
          }
        },
        logger,
        startTimeoutMs: options.startTimeoutMs,
        maxConsecutiveErrors: options.maxConsecutiveErrors,
        maxFrameBytes,
      });
      transports.add(transport);
      void transport.closed.then(() => transports.delete(transport));
    });
  }

  return {
    app,
    handleUpgrade,
    get activeStreams() {
      return transports.size;
    },
    async close() {
      closing = true;
      const pending = [...transports].map((transport) => {
        transport.close('server shutting down');
        return transport.closed;
      });
      // A peer that never answers the close handshake is cut off after a short wait.
      const cutoff = new Promise<void>((resolve) => setTimeout(resolve, 3000).unref());
      await Promise.race([Promise.all(pending), cutoff]);
      for (const client of webSocketServer.clients) client.terminate();
      webSocketServer.close();
    },
  };
}

/** The raw request target as received (node server), else the path and query of the request URL. */
function rawRequestUrl(context: Context): string {
  const environment: unknown = context.env;
  if (typeof environment === 'object' && environment !== null && 'incoming' in environment) {
    const incoming = (environment as { incoming?: { url?: unknown } }).incoming;
    if (typeof incoming?.url === 'string') return incoming.url;
  }
  const url = new URL(context.req.url);
  return url.pathname + url.search;
}
