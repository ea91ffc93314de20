import type { AgentDefinition, AnalysisSettings } from '../../agents/agent-definition.js';
import { DEFAULT_ANALYSIS } from '../../agents/provisioning-defaults.js';
import type { ProviderConnectionConfig, ProvidersConfig } from '../../config/app-config.js';
import type { Logger } from '../../logging/logger.js';
import { getAgentVersion } from '../agents/agent-store.js';
import {
  analyzeCall,
  createOpenAiCallAnalyzer,
  type AnalysisInput,
  type CallAnalysis,
  type CallAnalyzer,
} from '../analysis/index.js';
import { getCallDetail, type CallDetail } from '../calls/call-queries.js';
import type { SwitchboardDatabase, TenantTransaction } from '../db/switchboard-database.js';
import type { JobQueue } from '../jobs/job-queue-service.js';
import type { JobHandler } from '../jobs/job-runner.js';
import {
  loadOrganizationCredentials,
  withOrganizationCredentials,
} from '../tenancy/provider-credentials.js';
import type { SecretBox } from '../tenancy/secret-box.js';
import { getSummaryEmailSettings } from '../tenancy/summary-email-settings.js';
import { publishWebhookEvents } from '../webhooks/publish-webhook-events.js';
import { deterministicEventId } from '../webhooks/webhook-event-types.js';
import { appointmentsOfCall } from './call-event-payloads.js';
import type { AnalyzeCallJob, SendEmailJob } from './post-call-jobs.js';

export interface AnalyzeCallJobOptions {
  readonly database: SwitchboardDatabase;
  readonly jobs: JobQueue;
  readonly secrets: SecretBox;
  /** The installation's provider connections; an organisation's own credentials replace them. */
  readonly providers: ProvidersConfig;
  readonly logger: Logger;
}

interface LoadedCall {
  readonly detail: CallDetail;
  readonly agent: AgentDefinition | undefined;
  readonly input: AnalysisInput;
  readonly openai: ProviderConnectionConfig;
}

function isConfigured(connection: ProviderConnectionConfig): boolean {
  return (
    (connection.apiKey !== undefined && connection.apiKey !== '') ||
    (connection.baseUrl !== undefined && connection.baseUrl !== '')
  );
}

async function loadCall(
  trx: TenantTransaction,
  options: AnalyzeCallJobOptions,
  job: AnalyzeCallJob,
): Promise<LoadedCall | undefined> {
  const detail = await getCallDetail(trx, job.callId);
  if (detail === undefined) return undefined;
  const agent =
    detail.agentId !== null && detail.agentVersion !== null
      ? await getAgentVersion(trx, detail.agentId, detail.agentVersion)
      : undefined;
  const { openai } = withOrganizationCredentials(
    options.providers,
    await loadOrganizationCredentials(trx, options.secrets, job.orgId),
  );
  const iso = (value: Date | null) => value?.toISOString() ?? null;
  const input: AnalysisInput = {
    callId: job.callId,
    agent: {
      name: agent?.name ?? detail.agentName ?? 'agent',
      instructions: agent?.instructions ?? '',
    },
    call: {
      direction: detail.direction,
      from: detail.from,
      to: detail.to,
      startedAt: detail.createdAt.toISOString(),
      answeredAt: iso(detail.answeredAt),
      endedAt: iso(detail.endedAt),
      durationMs: detail.durationMs,
      endReason: detail.endReason,
      disposition: detail.disposition,
      status: detail.status,
    },
    transcript: detail.transcript.map((line) => ({
      speaker: line.speaker,
      text: line.text,
      startMs: line.startMs,
      interrupted: line.interrupted,
    })),
    toolCalls: detail.toolCalls.map((call) => ({
      name: call.name,
      arguments: call.arguments,
      result: call.result,
      error: call.error,
    })),
    appointments: (await appointmentsOfCall(trx, job.callId)).map((appointment) => ({
      id: appointment.id,
      status: appointment.status,
      serviceType: appointment.serviceType,
      startsAt: appointment.startsAt,
    })),
  };
  return { detail, agent, input, openai };
}

/** Whether the organisation's rules want a summary email for this call. */
function wantsEmail(
  job: AnalyzeCallJob,
  analysis: CallAnalysis,
  settings: { minDurationSeconds: number; includeCallsWithoutCallerSpeech: boolean },
): boolean {
  if (job.email === 'never') return false;
  if (job.email === 'always') return true;
  if ((analysis.durationSeconds ?? 0) < settings.minDurationSeconds) return false;
  return analysis.callerSpoke || settings.includeCallsWithoutCallerSpeech;
}

/**
 * The `analyze-call` job: reads the ended call, asks the organisation's LLM (or derives what it
 * can without one), stores the analysis on the call, and in that same transaction publishes
 * `call.analyzed` (which queues behind the call's `call.ended` at every endpoint) and queues the
 * summary email when the organisation's rules want one. A transient LLM failure fails the job so
 * it is retried with backoff; the last attempt stores the derived analysis instead.
 */
export function createAnalyzeCallHandler(
  options: AnalyzeCallJobOptions,
): JobHandler<AnalyzeCallJob> {
  return async (job) => {
    const { orgId, callId } = job.data;
    // The analysis names the call on its own lines; only this handler's lines bind it.
    const base = options.logger.child({ orgId, jobId: job.id });
    const logger = base.child({ callId });
    const loaded = await options.database.forOrganization(orgId, (trx) =>
      loadCall(trx, options, job.data),
    );
    if (loaded === undefined) {
      logger.warn('call to analyse does not exist; nothing to do');
      return;
    }
    if (loaded.detail.endedAt === null) throw new Error('the call has not ended yet');
    const settings: AnalysisSettings = loaded.agent?.analysis ?? {
      ...DEFAULT_ANALYSIS,
      fields: {},
    };
    const model = settings.model ?? loaded.agent?.llm.model ?? 'gpt-4o-mini';
    const analyzer: CallAnalyzer | undefined = isConfigured(loaded.openai)
      ? createOpenAiCallAnalyzer({
          ...(loaded.openai.apiKey !== undefined ? { apiKey: loaded.openai.apiKey } : {}),
          ...(loaded.openai.baseUrl !== undefined ? { baseUrl: loaded.openai.baseUrl } : {}),
          model,
          logger: base,
        })
      : undefined;
    const analysis = await analyzeCall(loaded.input, settings, analyzer, { logger: base });
    if (analysis.retryable === true && job.retryCount < job.retryLimit) {
      throw new Error(`analysis will be retried: ${analysis.unavailableReason ?? 'LLM failure'}`);
    }
    await options.database.forOrganization(orgId, async (trx) => {
      await trx
        .updateTable('calls')
        .set({
          analysis: JSON.stringify(analysis),
          analysis_status: 'done',
          analyzed_at: new Date(),
        })
        .where('id', '=', callId)
        .execute();
      const { detail } = loaded;
      await publishWebhookEvents(trx, orgId, [
        {
          id: deterministicEventId(callId, 'call.analyzed', job.id),
          type: 'call.analyzed',
          subjectId: callId,
          callId,
          data: {
            call: {
              id: callId,
              direction: detail.direction,
              from: detail.from,
              to: detail.to,
              agentId: detail.agentId,
              agentName: detail.agentName,
              createdAt: detail.createdAt.toISOString(),
              endedAt: detail.endedAt?.toISOString() ?? null,
              durationMs: detail.durationMs,
              disposition: detail.disposition,
              endReason: detail.endReason,
            },
            analysis,
          },
        },
      ]);
      const emailSettings = await getSummaryEmailSettings(trx, orgId);
      if (emailSettings.recipients.length > 0 && wantsEmail(job.data, analysis, emailSettings)) {
        const emailId = deterministicEventId(job.id, 'summary-email');
        await options.jobs.enqueue(
          trx,
          'send-email',
          {
            orgId,
            emailId,
            kind: 'call-summary',
            callId,
            force: job.data.email === 'always',
          } satisfies SendEmailJob,
          { id: emailId },
        );
      }
    });
    logger.info({ source: analysis.source, unavailable: analysis.unavailable }, 'call analysed');
  };
}
