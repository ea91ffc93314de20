import { z } from 'zod';
import type { CallStatus } from '../../db/database-schema.js';
import type { TenantTransaction } from '../../db/switchboard-database.js';
import { requestCallAnalysis, requestSummaryEmail } from '../../post-call/post-call-jobs.js';
import { getSummaryEmailSettings } from '../../tenancy/summary-email-settings.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { ApiProblem, notFound } from '../http/api-problem.js';
import { callParamsSchema } from './call-schemas.js';

/** Statuses of a call that is still going on (or has not started). */
const LIVE_STATUSES: readonly CallStatus[] = ['queued', 'ringing', 'in-progress'];

const analysisRequestSchema = z
  .object({
    email: z.enum(['auto', 'always', 'never']).optional().meta({
      description:
        "Whether a summary email follows the analysis: `never` (the default), `auto` (the organisation's rules decide) or `always`.",
    }),
  })
  .meta({ id: 'CallAnalysisRequest' })
  .optional();

const analysisQueuedSchema = z
  .object({ jobId: z.guid().meta({ description: 'Follow it at /v1/jobs/{jobId}.' }) })
  .meta({ id: 'CallAnalysisQueued' });

const summaryEmailQueuedSchema = z
  .object({
    jobId: z.guid().meta({ description: 'Follow it at /v1/jobs/{jobId}.' }),
    emailId: z.guid().meta({
      description: 'The email, at /v1/emails/{emailId} once the job has rendered it.',
    }),
  })
  .meta({ id: 'SummaryEmailQueued' });

const notFoundResponse = { description: '`not_found`: no such call in this organisation' };
const notEndedResponse = { description: '`call_not_ended`: the call is still going on' };

/** Looks the call up in the organisation; 404 when absent, 409 while it has not ended. */
async function requireEndedCall(trx: TenantTransaction, callId: string): Promise<void> {
  const call = await trx
    .selectFrom('calls')
    .select(['status', 'ended_at'])
    .where('id', '=', callId)
    .executeTakeFirst();
  if (call === undefined) throw notFound('Call', callId);
  if (call.ended_at === null && LIVE_STATUSES.includes(call.status)) {
    throw new ApiProblem({
      status: 409,
      code: 'call_not_ended',
      title: 'Call not ended',
      detail: `Call ${callId} is ${call.status}; try again once it has ended.`,
    });
  }
}

/**
 * Post-call work on request: analyse an ended call again, or send its summary email now. Both
 * queue a job in the same transaction that checks the call, and answer 202 with the job's id.
 */
export function createCallFollowUpRoutes({
  database,
  jobs,
}: Pick<ApiDependencies, 'database' | 'jobs'>) {
  const analyze = defineRoute({
    method: 'post',
    path: '/v1/calls/{callId}/analysis',
    operationId: 'analyzeCall',
    summary: 'Analyse an ended call (again)',
    description:
      "Queues a new analysis with the agent's current analysis settings. The call's `analysisStatus` is `pending` until it is done; the previous analysis stays readable until then.",
    tags: ['calls'],
    auth: 'api-key',
    scope: 'admin',
    params: callParamsSchema,
    body: analysisRequestSchema,
    responses: {
      202: { description: 'Analysis queued', schema: analysisQueuedSchema },
      404: notFoundResponse,
      409: notEndedResponse,
    },
    handler: async ({ principal, params, body }) => {
      const jobId = await database.forOrganization(principal.orgId, async (trx) => {
        await requireEndedCall(trx, params.callId);
        return requestCallAnalysis(trx, jobs, {
          orgId: principal.orgId,
          callId: params.callId,
          email: body?.email ?? 'never',
          trigger: 'api',
        });
      });
      return { status: 202, body: { jobId } };
    },
  });

  const summaryEmail = defineRoute({
    method: 'post',
    path: '/v1/calls/{callId}/summary-email',
    operationId: 'sendCallSummaryEmail',
    summary: "Email an ended call's summary now",
    description:
      "Sends the summary to the organisation's summary-email recipients whatever its rules say about this call (duration, caller speech).",
    tags: ['calls'],
    auth: 'api-key',
    scope: 'admin',
    params: callParamsSchema,
    responses: {
      202: { description: 'Email queued', schema: summaryEmailQueuedSchema },
      404: notFoundResponse,
      409: {
        description:
          '`call_not_ended`: the call is still going on; `no_recipients`: the organisation has no summary-email recipients',
      },
    },
    handler: async ({ principal, params }) => {
      const queued = await database.forOrganization(principal.orgId, async (trx) => {
        await requireEndedCall(trx, params.callId);
        const settings = await getSummaryEmailSettings(trx, principal.orgId);
        if (settings.recipients.length === 0) {
          throw new ApiProblem({
            status: 409,
            code: 'no_recipients',
            title: 'No recipients',
            detail:
              'Set summaryEmail.recipients on the organisation first (PATCH /v1/organization).',
          });
        }
        return requestSummaryEmail(trx, jobs, principal.orgId, params.callId);
      });
      return { status: 202, body: queued };
    },
  });

  return [analyze, summaryEmail];
}
