import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import type { Provisioning } from '../agents/agent-definition.js';
import type { AppConfig } from '../config/app-config.js';
import { systemClock } from '../engine/clock.js';
import { PlayoutTicker } from '../engine/playout-ticker.js';
import type { Logger } from '../logging/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { registerPlayoutMetrics } from '../observability/playout-metrics.js';
import type { VadModelV1 } from '../providers/spec/vad-model-v1.js';
import {
  createCallStatusStore,
  createTwilioRoutes,
  isTerminalCallStatus,
  type CallStatusStore,
  type TwilioCarrier,
  type TwilioRoutes,
} from '../telephony/twilio/index.js';
import type { OrgPrincipal } from '../platform/api/api-principal.js';
import { createApi } from '../platform/api/create-api.js';
import { createNotFoundHandler } from '../platform/api/http/problem-response.js';
import type { ApiRoute } from '../platform/api/http/route-definition.js';
import { applyCarrierStatus } from '../platform/calls/apply-carrier-status.js';
import { startPlatform, type Platform } from '../platform/start-platform.js';
import { createAgentModels } from './agent-models.js';
import { CallRuntime } from './call-runtime.js';
import { CarrierAccounts } from './carrier-accounts.js';
import {
  createPlatformCallDirectory,
  type BookingToolsForCall,
} from './platform-call-directory.js';
import { createHealthRoutes, type Readiness } from './health-routes.js';
import { createDashboardRoutes, defaultDashboardDirectory } from './dashboard-assets.js';
import { createListenUpgradeHandler, createLiveCallRoutes, LiveCallHub } from './live/index.js';
import { createTestCallUpgradeHandler } from './test-call/index.js';
import { createVoicePreviewRoutes } from './voice-preview/voice-preview-routes.js';
import { createNumberWebhookRecorder } from '../platform/numbers/number-webhook-recorder.js';
import { createUpgradeAuthenticator } from '../platform/api/authenticate-principal.js';
import { initialApiKeyPath } from '../platform/tenancy/bootstrap-api-key.js';
import { ownerExists } from '../platform/tenancy/owner-setup.js';

export interface SwitchboardServerOptions {
  readonly config: AppConfig;
  readonly provisioning: Provisioning;
  readonly logger: Logger;
  /** The voice activity model shared by every call (Silero in production). */
  readonly vad: VadModelV1;
  /** Used for carrier REST calls (tests inject nothing: they point the base URL at a fake). */
  readonly fetch?: typeof globalThis.fetch;
  /** The booking tools of a call (the service-department domain). */
  readonly bookingTools?: BookingToolsForCall;
  /** More /v1 route modules. */
  readonly extraApiRoutes?: (platform: Platform) => readonly ApiRoute<OrgPrincipal>[];
  /** The built dashboard (default: web/dist of this package). */
  readonly dashboardDirectory?: string;
}

export interface SwitchboardServer {
  /** Where the server listens, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly port: number;
  /** The public URL carriers are told to use (PUBLIC_URL, or the local URL in development). */
  readonly publicUrl: string;
  readonly runtime: CallRuntime;
  readonly platform: Platform;
  readonly callStatuses: CallStatusStore;
  readiness(): Readiness;
  /** Graceful stop: no new calls, live calls finish (bounded by SHUTDOWN_TIMEOUT_MS), then close. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP server with the carrier webhooks, media streams, health and metrics, and the call
 * runtime behind them.
 */
export async function startSwitchboardServer(
  options: SwitchboardServerOptions,
): Promise<SwitchboardServer> {
  const { config, logger } = options;
  // The file's agents run on the installation's keys: a missing key or a malformed voice id stops
  // the server here, with the setting named, instead of failing the first call.
  for (const agent of options.provisioning.agents) {
    const models = createAgentModels(agent, config.providers, logger.child({ agent: agent.name }));
    (models.tts as { close?: () => void }).close?.();
  }
  // Known once the server listens (PORT may be 0); emails read it when they are written.
  let listeningUrl = config.server.publicUrl ?? `http://localhost:${config.server.port}`;
  const platform = await startPlatform({
    config,
    provisioning: options.provisioning,
    logger,
    publicUrl: () => listeningUrl,
  });
  const carrierAccounts = new CarrierAccounts(config, platform.database, platform.secrets, logger);
  await carrierAccounts.start();
  const directory = createPlatformCallDirectory({
    platform,
    providers: config.providers,
    allowPrivateNetworks: config.platform.allowPrivateNetworks,
    ...(options.bookingTools !== undefined ? { bookingTools: options.bookingTools } : {}),
    logger,
  });
  const metrics = createMetrics();
  const ticker = new PlayoutTicker(systemClock);
  registerPlayoutMetrics(metrics.registry, ticker.stats);
  const runtime = new CallRuntime({
    directory,
    vad: options.vad,
    ticker,
    logger,
    metrics,
    maxConcurrentCalls: config.server.maxConcurrentCalls,
  });
  runtime.onCallEvent(platform.records.onEvent);
  const liveCalls = new LiveCallHub({ logger });
  liveCalls.attach(runtime);
  const authenticateUpgrade = createUpgradeAuthenticator(platform.database);
  const listenIn = createListenUpgradeHandler({
    hub: liveCalls,
    authenticate: authenticateUpgrade,
    logger,
  });
  const testCalls = createTestCallUpgradeHandler({
    runtime,
    database: platform.database,
    authenticate: authenticateUpgrade,
    ...(config.server.maxConcurrentCalls !== undefined
      ? { maxConcurrentCalls: config.server.maxConcurrentCalls }
      : {}),
    logger,
  });
  const upgradeHandlers: { handleUpgrade: TwilioRoutes['handleUpgrade'] }[] = [testCalls, listenIn];
  const callStatuses = createCallStatusStore();
  // Each number's last carrier webhook and whether it was signed, written off the call path.
  const numberWebhooks = createNumberWebhookRecorder({ database: platform.database, logger });

  const app = new Hono();
  let carrierRoutes: TwilioRoutes[] = [];
  const httpServer: Server = createServer(getRequestListener(app.fetch));
  httpServer.on('upgrade', (request, socket, head) => {
    for (const routes of [...upgradeHandlers, ...carrierRoutes]) {
      if (routes.handleUpgrade(request, socket, head)) return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  httpServer.on('clientError', (error, socket) => {
    logger.debug({ err: error }, 'malformed HTTP request');
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.server.port, config.server.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const localHost =
    config.server.host === '0.0.0.0' || config.server.host === '::'
      ? '127.0.0.1'
      : config.server.host;
  const url = `http://${localHost}:${port}`;
  // Without PUBLIC_URL the server still works locally (simulated calls); /readyz says why real
  // carriers cannot reach it.
  const publicUrl = config.server.publicUrl ?? url;
  listeningUrl = publicUrl;

  const carriers: { carrier: TwilioCarrier; restBaseUrl: string }[] = [
    { carrier: 'twilio', restBaseUrl: config.twilio?.apiBaseUrl ?? 'https://api.twilio.com' },
  ];
  if (config.signalwire !== undefined)
    carriers.push({ carrier: 'signalwire', restBaseUrl: config.signalwire.apiBaseUrl });
  carrierRoutes = carriers.map((carrier) =>
    createTwilioRoutes({
      publicUrl,
      carrier: carrier.carrier,
      restBaseUrl: carrier.restBaseUrl,
      fetch: options.fetch,
      logger,
      resolveCredentials: (accountSid) => carrierAccounts.resolve(carrier.carrier, accountSid),
      onWebhookChecked: (check) => numberWebhooks.record(check),
      onIncomingCall: async (call) => {
        const decision = await runtime.route({
          carrier: carrier.carrier,
          carrierCallId: call.callSid,
          accountId: call.accountSid,
          from: call.from,
          to: call.to,
          ...(call.query !== undefined ? { query: call.query } : {}),
        });
        if (decision.kind === 'reject') {
          logger.info({ callSid: call.callSid, reason: decision.reason }, 'call refused');
          return { kind: 'reject', say: decision.say };
        }
        return { kind: 'stream', parameters: decision.parameters };
      },
      onStreamStart: (leg, start) =>
        void runtime.startCall({
          leg,
          carrierCallId: start.callSid,
          from: start.customParameters.from ?? '',
          to: start.customParameters.to ?? '',
          parameters: start.customParameters,
        }),
      onStatusCallback: async (update) => {
        const { changed, record } = callStatuses.apply(update);
        if (changed) logger.info({ callSid: update.callSid, status: record.status }, 'call status');
        if (isTerminalCallStatus(record.status)) runtime.callFinishedAtCarrier(update.callSid);
        await applyCarrierStatus(
          platform.database,
          {
            carrier: carrier.carrier,
            carrierCallId: update.callSid,
            // Twilio's `initiated` is our `queued`: the call exists but does not ring yet.
            status: update.status === 'initiated' ? 'queued' : update.status,
            ...(update.duration !== undefined ? { durationSeconds: update.duration } : {}),
            ...(update.answeredBy !== undefined
              ? { answeredByMachine: update.answeredBy.startsWith('machine') }
              : {}),
          },
          (callId) => runtime.isLive(callId),
          platform.postCall.followUp,
        );
      },
    }),
  );

  const readiness = (): Readiness => {
    const missing: string[] = [];
    if (!runtime.accepting) missing.push('shutting down: not taking new calls');
    if (config.server.publicUrl === undefined) {
      missing.push(
        'PUBLIC_URL is not set: carriers cannot reach this server (set it to its https URL)',
      );
    }
    if (!carrierAccounts.has('twilio') && !carrierAccounts.has('signalwire')) {
      missing.push(
        'no carrier credentials: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or SIGNALWIRE_*), or store an account through the API',
      );
    }
    return { ready: missing.length === 0, missing };
  };
  app.route(
    '/',
    createHealthRoutes({
      readiness,
      registry: metrics.registry,
      activeCalls: () => runtime.activeCalls,
      publicUrl,
    }),
  );
  for (const routes of carrierRoutes) app.route('/', routes.app);
  const api = createApi({
    database: platform.database,
    secrets: platform.secrets,
    storage: platform.storage,
    jobs: platform.postCall.jobs,
    publicUrl,
    onCredentialsChanged: async (orgId, provider) => {
      directory.credentialsChanged(orgId);
      if (provider === 'twilio' || provider === 'signalwire') await carrierAccounts.refresh();
    },
    logger,
    rateLimitPerMinute: config.platform.apiRateLimitPerMinute,
    setupKeyHint: `the API key in ${initialApiKeyPath(config.platform.dataDir)}, written when the server first started (or any admin API key of the organisation)`,
    extraRoutes: [
      ...createLiveCallRoutes({
        hub: liveCalls,
        database: platform.database,
        hangup: (callId) => runtime.endCall(callId),
        logger,
      }),
      ...createVoicePreviewRoutes({
        database: platform.database,
        secrets: platform.secrets,
        providers: config.providers,
        logger,
      }),
      ...(options.extraApiRoutes?.(platform) ?? []),
    ],
  });
  app.route('/', api);
  app.route('/', createDashboardRoutes(options.dashboardDirectory ?? defaultDashboardDirectory()));
  const apiNotFound = createNotFoundHandler();
  app.notFound((context) =>
    context.req.path.startsWith('/v1/') ? apiNotFound(context) : context.text('Not Found', 404),
  );
  app.onError((error, context) => {
    logger.error({ err: error, path: context.req.path }, 'request failed');
    return context.json({ error: 'internal_error' }, 500);
  });

  logger.info(
    {
      url,
      publicUrl,
      agents: options.provisioning.agents.map((agent) => agent.name),
      carriers: carriers.map((c) => c.carrier),
    },
    'switchboard listening',
  );

  if (!(await ownerExists(platform.database))) {
    logger.warn(
      { dashboard: `${url}/`, setupKeyFile: initialApiKeyPath(config.platform.dataDir) },
      'no owner account yet: open the dashboard and create it with the setup key (the initial API key)',
    );
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    publicUrl,
    runtime,
    platform,
    callStatuses,
    readiness,
    close: () => {
      closing ??= (async () => {
        logger.info('shutting down');
        await runtime.shutdown(config.server.shutdownTimeoutMs);
        logger.info({ playout: ticker.stats.snapshot() }, 'playout stats');
        testCalls.close();
        // Live streams end here, or closing the HTTP server would wait on them for ever.
        liveCalls.close();
        listenIn.close();
        await Promise.all(carrierRoutes.map((routes) => routes.close()));
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeAllConnections();
        // Records still unwritten stay in the spool for the next start-up.
        await platform.records.drain(config.server.shutdownTimeoutMs);
        await numberWebhooks.close();
        directory.close();
        carrierAccounts.stop();
        await platform.close();
        logger.info('stopped');
      })();
      return closing;
    },
  };
}
