import { createHash } from 'node:crypto';
import type { AgentDefinition } from '../agents/agent-definition.js';
import { buildAgentTools, type BookingToolFactory } from '../agents/build-agent-tools.js';
import type { ProvidersConfig } from '../config/app-config.js';
import type { Logger } from '../logging/logger.js';
import { getAgentVersion } from '../platform/agents/agent-store.js';
import { createBookingToolFactory } from '../platform/booking/tools/index.js';
import type { Platform } from '../platform/start-platform.js';
import {
  loadOrganizationCredentials,
  withOrganizationCredentials,
  type OrganizationCredentials,
} from '../platform/tenancy/provider-credentials.js';
import { createAgentModels, type AgentModels } from './agent-models.js';
import type { CallDirectory, IncomingCall, PreparedCall, StartedStream } from './call-runtime.js';

/** Builds the booking tools of one call (the platform's booking module supplies it). */
export type BookingToolsForCall = (context: {
  readonly orgId: string;
  readonly callId: string;
}) => BookingToolFactory | undefined;

export interface PlatformCallDirectoryOptions {
  readonly platform: Platform;
  /** The installation's provider credentials; an organisation's own override them. */
  readonly providers: ProvidersConfig;
  readonly allowPrivateNetworks: boolean;
  /** Booking tools of a call; default: the service-department tools over the database. */
  readonly bookingTools?: BookingToolsForCall;
  readonly logger: Logger;
  /** Agent models kept warm between calls (default 100). */
  readonly modelCacheSize?: number;
}

/**
 * The call directory over the database: routing records the call; a starting stream gets the
 * exact agent version that was routed, the organisation's credentials, tools and variables, and
 * the record writer's journal and recorder.
 */
export function createPlatformCallDirectory(
  options: PlatformCallDirectoryOptions,
): CallDirectory & { close(): void; credentialsChanged(orgId: string): void } {
  const { platform } = options;
  const models = new Map<string, AgentModels>();
  const maxModels = options.modelCacheSize ?? 100;
  // What routing decided, kept for the stream that follows within seconds (same process): the
  // stream then needs no query to find its call. Another process falls back to the database.
  const routed = new Map<string, RoutedCall>();
  // Agent versions never change once written, so they are cached for good (bounded).
  const definitions = new Map<string, AgentDefinition>();
  const credentialsByOrg = new Map<string, { value: OrganizationCredentials; loadedAt: number }>();

  function modelsFor(
    agent: AgentDefinition,
    cacheKey: string,
    providers: ProvidersConfig,
    logger: Logger,
  ): AgentModels {
    const cached = models.get(cacheKey);
    if (cached !== undefined) {
      models.delete(cacheKey);
      models.set(cacheKey, cached);
      return cached;
    }
    const created = createAgentModels(agent, providers, logger.child({ agent: agent.name }));
    models.set(cacheKey, created);
    if (models.size > maxModels) {
      const [oldestKey, oldest] = models.entries().next().value as [string, AgentModels];
      models.delete(oldestKey);
      (oldest.tts as { close?: () => void }).close?.();
    }
    return created;
  }

  return {
    async route(call: IncomingCall) {
      const { agent: agentParameter, ...variables } = call.query ?? {};
      const outcome = await platform.router.route({
        carrier: call.carrier,
        carrierCallId: call.carrierCallId,
        accountId: call.accountId,
        from: call.from,
        to: call.to,
        ...(agentParameter !== undefined ? { agentParameter } : {}),
        variables,
      });
      if (outcome.kind === 'reject') return { kind: 'reject' as const };
      return {
        kind: 'accept' as const,
        parameters: { callId: outcome.callId, agent: outcome.agentName },
      };
    },

    async prepare(stream: StartedStream, logger: Logger): Promise<PreparedCall | undefined> {
      const callId = stream.parameters.callId;
      if (callId === undefined) return undefined;
      const call = routed.get(callId) ?? (await loadRoutedCall(platform, callId));
      routed.delete(callId);
      // The id comes from our own TwiML, but the stream must also be the call it names.
      if (call === undefined || call.carrierCallId !== stream.carrierCallId) return undefined;
      const { orgId, agentId, agentVersion: version } = call;
      const definitionKey = `${agentId}:${version}`;
      let agent = definitions.get(definitionKey);
      let credentials = credentialsByOrg.get(orgId);
      if (
        agent === undefined ||
        credentials === undefined ||
        Date.now() - credentials.loadedAt > CREDENTIALS_TTL_MS
      ) {
        const loaded = await platform.database.forOrganization(orgId, async (trx) => ({
          agent: agent ?? (await getAgentVersion(trx, agentId, version)),
          credentials: await loadOrganizationCredentials(trx, platform.secrets, orgId),
        }));
        agent = loaded.agent;
        credentials = { value: loaded.credentials, loadedAt: Date.now() };
        credentialsByOrg.set(orgId, credentials);
        if (agent !== undefined) remember(definitions, definitionKey, agent);
      }
      if (agent === undefined) return undefined;
      const providers = withOrganizationCredentials(options.providers, credentials.value);
      const cacheKey = `${orgId}:${agentId}:${version}:${fingerprint(credentials.value)}`;
      const agentModels = modelsFor(agent, cacheKey, providers, logger);
      platform.records.begin({
        callId,
        orgId,
        direction: 'inbound',
        carrier: call.carrier,
        carrierCallId: stream.carrierCallId,
        from: call.from,
        to: call.to,
        agentId,
        agentVersion: version,
        agentName: call.agentName,
        routedBy: call.routedBy,
        createdAt: call.createdAt.toISOString(),
      });
      const bookingTools =
        options.bookingTools?.({ orgId, callId }) ??
        createBookingToolFactory({ database: platform.database, orgId, callId, logger });
      const tools = buildAgentTools(agent, bookingTools, {
        organizationId: orgId,
        signingSecret: platform.secrets.derive(`http-tools:${orgId}`),
        allowPrivateNetworks: options.allowPrivateNetworks,
        logger,
      });
      const audioTap = platform.records.createAudioTap(callId, stream.leg);
      return {
        callId,
        orgId,
        agent,
        models: agentModels,
        tools,
        variables: { ...call.variables, caller_number: call.from },
        ...(audioTap !== undefined ? { audioTap } : {}),
      };
    },

    credentialsChanged(orgId: string) {
      credentialsByOrg.delete(orgId);
    },

    close() {
      for (const entry of models.values()) (entry.tts as { close?: () => void }).close?.();
      models.clear();
    },
  };
}

/** How long an organisation's decrypted credentials are reused before they are read again. */
const CREDENTIALS_TTL_MS = 30_000;
const MAX_REMEMBERED = 1_000;

/** What routing decided about a call, as its media stream needs it. */
interface RoutedCall {
  readonly orgId: string;
  readonly agentId: string;
  readonly agentVersion: number;
  readonly agentName: string;
  readonly routedBy: string;
  readonly carrier: string;
  readonly carrierCallId: string;
  readonly from: string;
  readonly to: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly createdAt: Date;
}

/** Insertion-ordered map as a bounded cache: the oldest entry goes first. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value as string);
}

async function loadRoutedCall(platform: Platform, callId: string): Promise<RoutedCall | undefined> {
  const row = await platform.database.asSystem('call-records', (db) =>
    db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst(),
  );
  if (
    row === undefined ||
    row.ended_at !== null ||
    row.agent_id === null ||
    row.agent_version === null
  )
    return undefined;
  return {
    orgId: row.org_id,
    agentId: row.agent_id,
    agentVersion: row.agent_version,
    agentName: row.agent_name ?? '',
    routedBy: row.routed_by,
    carrier: row.carrier,
    carrierCallId: row.carrier_call_id ?? '',
    from: row.from_number,
    to: row.to_number,
    variables: row.variables,
    createdAt: row.created_at,
  };
}

/** Models are cached per credential set, so a changed key takes effect on the next call. */
function fingerprint(credentials: OrganizationCredentials): string {
  const relevant = {
    openai: credentials.openai,
    deepgram: credentials.deepgram,
    elevenlabs: credentials.elevenlabs,
  };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}
