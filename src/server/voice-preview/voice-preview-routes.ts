import { z } from 'zod';
import { encodeWav } from '../../audio/wav.js';
import type { ProvidersConfig } from '../../config/app-config.js';
import { ConfigError } from '../../errors/index.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import { getAgent } from '../../platform/agents/agent-store.js';
import { defineRoute, type OrgPrincipal } from '../../platform/api/api-principal.js';
import { ApiProblem, notFound } from '../../platform/api/http/api-problem.js';
import type { ApiRoute } from '../../platform/api/http/route-definition.js';
import type { SwitchboardDatabase } from '../../platform/db/switchboard-database.js';
import {
  loadOrganizationCredentials,
  withOrganizationCredentials,
} from '../../platform/tenancy/provider-credentials.js';
import type { SecretBox } from '../../platform/tenancy/secret-box.js';
import { createAgentTts } from '../agent-models.js';
import { defaultPreviewText, MAX_PREVIEW_TEXT_LENGTH } from './preview-text.js';
import { PreviewSynthesisError, synthesizePreview } from './synthesize-preview.js';

export interface VoicePreviewRouteOptions {
  readonly database: SwitchboardDatabase;
  /** Opens the organisation's stored provider credentials. */
  readonly secrets: SecretBox;
  /** The installation's provider connections; an organisation's own credentials override them. */
  readonly providers: ProvidersConfig;
  readonly logger?: Logger;
  /** The whole synthesis must finish within this (default 15000 ms). */
  readonly timeoutMs?: number;
}

const paramsSchema = z.object({ agentId: z.uuid() });

const bodySchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(1)
      .max(MAX_PREVIEW_TEXT_LENGTH)
      .optional()
      .meta({
        description: `What to say, at most ${MAX_PREVIEW_TEXT_LENGTH} characters. Default: the agent's first message, else a short sentence in its language.`,
      }),
  })
  .optional()
  .meta({ id: 'VoicePreviewRequest' });

/** 502 naming the provider that failed; a timeout is a failure of the provider too. */
function providerFailed(error: PreviewSynthesisError): ApiProblem {
  const timedOut = error.code === 'provider_timeout';
  return new ApiProblem({
    status: 502,
    code: timedOut ? 'provider_timeout' : 'provider_error',
    title: timedOut ? 'Provider timed out' : 'Provider failed',
    detail: `Text-to-speech provider ${error.provider} failed: ${error.message}`,
    cause: error,
  });
}

/** 409: the agent's models cannot be built (no API key, a malformed setting…); names the setting. */
function providerNotConfigured(error: ConfigError): ApiProblem {
  return new ApiProblem({
    status: 409,
    code: 'provider_not_configured',
    title: 'Provider not configured',
    detail: `The agent's providers cannot be used: ${error.message}`,
    cause: error,
  });
}

/** Releases what a model holds between utterances (ElevenLabs keeps a pre-warmed socket). */
function closeModels(models: { readonly tts: unknown }): void {
  (models.tts as { close?: () => void }).close?.();
}

/**
 * `POST /v1/agents/{agentId}/voice-preview` (admin): speaks a short text with the agent's
 * configured text-to-speech provider and voice, on the organisation's credentials (the
 * installation's where it has none), and returns it as a 16-bit PCM mono WAV at the provider's
 * rate. Provider failures and the time limit are 502 problems naming the provider.
 *
 * @example
 * startSwitchboardServer({ ..., extraApiRoutes: (platform) =>
 *   createVoicePreviewRoutes({ database: platform.database, secrets: platform.secrets,
 *     providers: config.providers, logger }) });
 */
export function createVoicePreviewRoutes(
  options: VoicePreviewRouteOptions,
): ApiRoute<OrgPrincipal>[] {
  const { database, secrets } = options;
  const logger = options.logger ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? 15_000;

  const preview = defineRoute({
    method: 'post',
    path: '/v1/agents/{agentId}/voice-preview',
    operationId: 'previewAgentVoice',
    summary: "Hear a text in the agent's voice",
    description: `Synthesizes the text with the agent's text-to-speech provider and voice, using the organisation's provider credentials. Returns \`audio/wav\` (16-bit PCM, mono, at the provider's sample rate). Gives up after ${timeoutMs / 1000} s.`,
    tags: ['agents'],
    auth: 'api-key',
    scope: 'admin',
    params: paramsSchema,
    body: bodySchema,
    responses: {
      200: {
        description: 'The spoken text',
        contentType: 'audio/wav',
        schema: z.string().meta({ format: 'binary' }),
      },
      404: { description: '`not_found`: no such agent in this organisation' },
      409: {
        description:
          "`provider_not_configured`: the agent's providers lack a key or a valid setting",
      },
      502: {
        description:
          '`provider_error` / `provider_timeout`: the text-to-speech provider failed or did not finish in time',
      },
    },
    handler: async ({ principal, params, body }) => {
      const { agent, credentials } = await database.forOrganization(
        principal.orgId,
        async (trx) => ({
          agent: await getAgent(trx, params.agentId),
          credentials: await loadOrganizationCredentials(trx, secrets, principal.orgId),
        }),
      );
      if (agent === undefined) throw notFound('Agent', params.agentId);
      const definition = agent.definition;
      const previewLogger = logger.child({ orgId: principal.orgId, agentId: agent.id });
      let models: ReturnType<typeof createAgentTts>;
      try {
        // The voice alone: a preview must not need the agent's STT or LLM keys.
        models = createAgentTts(
          definition,
          withOrganizationCredentials(options.providers, credentials),
          previewLogger,
        );
      } catch (error) {
        if (error instanceof ConfigError) throw providerNotConfigured(error);
        throw error;
      }
      try {
        const audio = await synthesizePreview(models.tts, {
          text: body?.text ?? defaultPreviewText(definition),
          ...(definition.tts.voice !== undefined ? { voice: definition.tts.voice } : {}),
          language: definition.language,
          providerOptions: models.providerOptions,
          timeoutMs,
          logger: previewLogger,
        });
        const wav = encodeWav([audio.samples], audio.sampleRate);
        return new Response(wav, {
          status: 200,
          headers: {
            'content-type': 'audio/wav',
            'content-length': String(wav.length),
            'cache-control': 'no-store',
          },
        });
      } catch (error) {
        if (!(error instanceof PreviewSynthesisError)) throw error;
        previewLogger.warn(
          { provider: error.provider, code: error.code, err: error },
          'voice preview failed',
        );
        throw providerFailed(error);
      } finally {
        closeModels(models);
      }
    },
  });
  return [preview];
}
