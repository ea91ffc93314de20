import {
  getCallDetail,
  listCalls,
  type CallCursor,
  type CallDetail,
  type CallSummary,
} from '../../calls/call-queries.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { invalidCursor, notFound } from '../http/api-problem.js';
import { decodeCursor, encodeCursor } from '../http/cursor-pagination.js';
import { createCallRecordingRoute } from './call-recording-route.js';
import {
  callDetailSchema,
  callListSchema,
  callParamsSchema,
  listCallsQuerySchema,
} from './call-schemas.js';

const cursorTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a list cursor; one that decodes but holds no valid (time, id) pair is refused as well. */
function readCursor(cursor: string | undefined): CallCursor | undefined {
  if (cursor === undefined) return undefined;
  const [createdAt, id] = decodeCursor(cursor, ['string', 'string']);
  if (
    !cursorTimestamp.test(createdAt) ||
    Number.isNaN(Date.parse(createdAt)) ||
    !uuidPattern.test(id)
  )
    throw invalidCursor();
  return { createdAt, id };
}

function toSummaryBody(call: CallSummary) {
  return {
    id: call.id,
    direction: call.direction,
    status: call.status,
    from: call.from,
    to: call.to,
    agentId: call.agentId,
    agentName: call.agentName,
    agentVersion: call.agentVersion,
    createdAt: call.createdAt.toISOString(),
    answeredAt: call.answeredAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    durationMs: call.durationMs,
    endReason: call.endReason,
    disposition: call.disposition,
    turnCount: call.turnCount,
    latencyP50Ms: call.latencyP50Ms,
    latencyP95Ms: call.latencyP95Ms,
    totalCost: call.totalCost,
    hasRecording: call.hasRecording,
    analysisStatus: call.analysisStatus,
    sentiment: call.sentiment,
    success: call.success,
  };
}

/** What the call routes use of the platform. */
export type CallRouteDependencies = Pick<ApiDependencies, 'database' | 'storage' | 'publicUrl'>;

/**
 * Call history: `GET /v1/calls` (newest first, filtered, cursor-paginated), `GET /v1/calls/{callId}`
 * (transcript, tool calls, per-turn latency, usage and cost) and `GET /v1/calls/{callId}/recording`.
 * Every read runs in the caller's organisation, so another organisation's call is a 404.
 *
 * @example
 * createApi({ ...dependencies, extraRoutes: createCallRoutes(dependencies) });
 */
export function createCallRoutes(dependencies: CallRouteDependencies) {
  const { database, publicUrl } = dependencies;

  const list = defineRoute({
    method: 'get',
    path: '/v1/calls',
    operationId: 'listCalls',
    summary: 'List calls, newest first',
    description:
      'Filters combine with AND. Pass `nextCursor` back as `cursor` for the next page; a cursor stays valid while calls are added.',
    tags: ['calls'],
    auth: 'api-key',
    scope: 'read',
    query: listCallsQuerySchema,
    responses: { 200: { description: 'One page of calls', schema: callListSchema } },
    handler: async ({ principal, query }) => {
      const after = readCursor(query.cursor);
      const page = await database.forOrganization(principal.orgId, (trx) =>
        listCalls(
          trx,
          {
            ...(query.from !== undefined ? { from: new Date(query.from) } : {}),
            ...(query.to !== undefined ? { to: new Date(query.to) } : {}),
            ...(query.agentId !== undefined ? { agentId: query.agentId } : {}),
            ...(query.direction !== undefined ? { direction: query.direction } : {}),
            ...(query.status !== undefined ? { status: query.status } : {}),
            ...(query.disposition !== undefined ? { disposition: query.disposition } : {}),
            ...(query.number !== undefined ? { number: query.number } : {}),
            ...(query.sentiment !== undefined ? { sentiment: query.sentiment } : {}),
            ...(query.success !== undefined ? { success: query.success } : {}),
            ...(query.search !== undefined ? { search: query.search } : {}),
          },
          { limit: query.limit, ...(after !== undefined ? { after } : {}) },
        ),
      );
      return {
        status: 200,
        body: {
          data: page.calls.map(toSummaryBody),
          nextCursor:
            page.nextCursor === null
              ? null
              : encodeCursor([page.nextCursor.createdAt, page.nextCursor.id]),
        },
      };
    },
  });

  const toDetailBody = (call: CallDetail) => ({
    ...toSummaryBody(call),
    carrier: call.carrier,
    carrierCallId: call.carrierCallId,
    routedBy: call.routedBy,
    variables: call.variables,
    interruptionCount: call.interruptionCount,
    transcript: call.transcript,
    toolCalls: call.toolCalls,
    turnMetrics: call.turnMetrics,
    usage: call.usage,
    recording:
      call.recording === null
        ? null
        : {
            durationMs: call.recording.durationMs,
            url: `${publicUrl}/v1/calls/${call.id}/recording`,
          },
    analysis: call.analysis,
    analyzedAt: call.analyzedAt?.toISOString() ?? null,
  });

  const get = defineRoute({
    method: 'get',
    path: '/v1/calls/{callId}',
    operationId: 'getCall',
    summary: 'Get a call with its transcript, tool calls, latency and cost',
    tags: ['calls'],
    auth: 'api-key',
    scope: 'read',
    params: callParamsSchema,
    responses: {
      200: { description: 'The call', schema: callDetailSchema },
      404: { description: '`not_found`: no such call in this organisation' },
    },
    handler: async ({ principal, params }) => {
      const call = await database.forOrganization(principal.orgId, (trx) =>
        getCallDetail(trx, params.callId),
      );
      if (call === undefined) throw notFound('Call', params.callId);
      return { status: 200, body: toDetailBody(call) };
    },
  });

  return [list, get, createCallRecordingRoute(dependencies)];
}
