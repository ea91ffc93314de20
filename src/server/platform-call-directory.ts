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
): CallDirectory & { close(): void } {
  const { platform } = options;
  const models = new Map<string, AgentModels>();
  const maxModels = options.modelCacheSize ?? 100;

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
      const call = await platform.database.asSystem('call-records', (db) =>
        db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst(),
      );
      // The id comes from our own TwiML, but the stream must also be the call it names.
      if (
        call === undefined ||
        call.carrier_call_id !== stream.carrierCallId ||
        call.ended_at !== null
      )
        return undefined;
      if (call.agent_id === null || call.agent_version === null) return undefined;
      const orgId = call.org_id;
      const agentId = call.agent_id;
      const version = call.agent_version;
      const { agent, credentials } = await platform.database.forOrganization(
        orgId,
        async (trx) => ({
          agent: await getAgentVersion(trx, agentId, version),
          credentials: await loadOrganizationCredentials(trx, platform.secrets, orgId),
        }),
      );
      if (agent === undefined) return undefined;
      const providers = withOrganizationCredentials(options.providers, credentials);
      const cacheKey = `${orgId}:${agentId}:${version}:${fingerprint(credentials)}`;
      const agentModels = modelsFor(agent, cacheKey, providers, logger);
      platform.records.begin({
        callId,
        orgId,
        direction: call.direction,
        carrier: call.carrier,
        carrierCallId: stream.carrierCallId,
        from: call.from_number,
        to: call.to_number,
        agentId,
        agentVersion: version,
        agentName: call.agent_name,
        routedBy: call.routed_by,
        createdAt: call.created_at.toISOString(),
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
        agent,
        models: agentModels,
        tools,
        variables: { ...call.variables, caller_number: call.from_number },
        ...(audioTap !== undefined ? { audioTap } : {}),
      };
    },

    close() {
      for (const entry of models.values()) (entry.tts as { close?: () => void }).close?.();
      models.clear();
    },
  };
}

/** The installation's credentials with an organisation's own in their place. */
function withOrganizationCredentials(
  providers: ProvidersConfig,
  credentials: OrganizationCredentials,
): ProvidersConfig {
  const pick = (name: 'openai' | 'deepgram' | 'elevenlabs') => {
    const own = credentials[name];
    return own === undefined
      ? providers[name]
      : { apiKey: own.apiKey, baseUrl: own.baseUrl ?? providers[name].baseUrl };
  };
  return { openai: pick('openai'), deepgram: pick('deepgram'), elevenlabs: pick('elevenlabs') };
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
