import { z } from 'zod';
import { JOB_QUEUE_NAMES, JOB_STATES } from '../../jobs/job-queue-service.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { ApiProblem, invalidCursor, notFound } from '../http/api-problem.js';
import {
  cursorQuerySchema,
  decodeCursor,
  limitQuerySchema,
  listEnvelopeSchema,
  toListPage,
} from '../http/cursor-pagination.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const timestamp = z.iso.datetime();

/** A background job of the organisation (an analysis, an email). */
export const jobSchema = z
  .object({
    id: z.guid(),
    queue: z.string().meta({ description: `One of ${JOB_QUEUE_NAMES.join(', ')}.` }),
    state: z.enum(JOB_STATES).meta({
      description:
        '`created` waits to run, `retry` waits to run again after a failure, `active` runs, `completed` is done, `failed` ran out of attempts (retry it here), `cancelled` was withdrawn.',
    }),
    data: z.record(z.string(), z.unknown()).meta({ description: 'What the job works on.' }),
    attempts: z.int().meta({ description: 'Runs started so far.' }),
    retryLimit: z.int().meta({ description: 'Retries allowed after the first run.' }),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    completedAt: timestamp.nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'Job' });

const jobListSchema = listEnvelopeSchema(jobSchema).meta({ id: 'JobList' });

const listJobsQuerySchema = z.object({
  limit: limitQuerySchema,
  cursor: cursorQuerySchema,
  state: z.enum(JOB_STATES).optional(),
  queue: z.enum(JOB_QUEUE_NAMES).optional(),
});

const jobParamsSchema = z.object({ jobId: z.guid() });
const notFoundResponse = { description: '`not_found`: no such job in this organisation' };

/** Reads a (created micros, id) cursor; values that decode but do not fit are refused. */
function readJobCursor(cursor: string | undefined): { micros: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [micros, id] = decodeCursor(cursor, ['string', 'string']);
  if (!/^\d{1,18}$/.test(micros) || !uuidPattern.test(id)) throw invalidCursor();
  return { micros, id };
}

/**
 * The organisation's background jobs (analyses, emails): listed newest first, one at a time, and a
 * job that ran out of attempts run again.
 */
export function createJobRoutes({ jobs }: Pick<ApiDependencies, 'jobs'>) {
  const list = defineRoute({
    method: 'get',
    path: '/v1/jobs',
    operationId: 'listJobs',
    summary: 'List background jobs, newest first',
    description:
      'Completed and failed jobs stay listed until the queue archives them. Pass `nextCursor` back as `cursor` for the next page.',
    tags: ['jobs'],
    auth: 'api-key',
    scope: 'read',
    query: listJobsQuerySchema,
    responses: { 200: { description: 'One page of jobs', schema: jobListSchema } },
    handler: async ({ principal, query }) => {
      const before = readJobCursor(query.cursor);
      const rows = await jobs.list(
        principal.orgId,
        {
          ...(query.state !== undefined ? { state: query.state } : {}),
          ...(query.queue !== undefined ? { queue: query.queue } : {}),
        },
        { limit: query.limit, ...(before !== undefined ? { before } : {}) },
      );
      return {
        status: 200,
        body: toListPage(rows, query.limit, (row) => [row.createdMicros, row.id]),
      };
    },
  });

  const get = defineRoute({
    method: 'get',
    path: '/v1/jobs/{jobId}',
    operationId: 'getJob',
    summary: 'Get a background job',
    tags: ['jobs'],
    auth: 'api-key',
    scope: 'read',
    params: jobParamsSchema,
    responses: { 200: { description: 'The job', schema: jobSchema }, 404: notFoundResponse },
    handler: async ({ principal, params }) => {
      const job = await jobs.get(principal.orgId, params.jobId);
      if (job === undefined) throw notFound('Job', params.jobId);
      return { status: 200, body: job };
    },
  });

  const retry = defineRoute({
    method: 'post',
    path: '/v1/jobs/{jobId}/retry',
    operationId: 'retryJob',
    summary: 'Run a failed job again',
    description:
      'Only a job in state `failed` (out of attempts) can be retried; it goes back to `retry` and runs again soon.',
    tags: ['jobs'],
    auth: 'api-key',
    scope: 'admin',
    params: jobParamsSchema,
    responses: {
      202: { description: 'Queued again', schema: jobSchema },
      404: notFoundResponse,
      409: {
        description: '`job_not_failed`: the job has not failed, so there is nothing to retry',
      },
    },
    handler: async ({ principal, params }) => {
      const job = await jobs.get(principal.orgId, params.jobId);
      if (job === undefined) throw notFound('Job', params.jobId);
      if (job.state !== 'failed' || !(await jobs.retry(principal.orgId, params.jobId))) {
        throw new ApiProblem({
          status: 409,
          code: 'job_not_failed',
          title: 'Job not failed',
          detail: `Job ${params.jobId} is ${job.state}; only a failed job can be retried.`,
        });
      }
      const queued = await jobs.get(principal.orgId, params.jobId);
      if (queued === undefined) throw notFound('Job', params.jobId);
      return { status: 202, body: queued };
    },
  });

  return [list, get, retry];
}
