import { z } from 'zod';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { OrgPrincipal } from '../../platform/api/api-principal.js';
import { defineRoute } from '../../platform/api/api-principal.js';
import { ApiProblem, notFound } from '../../platform/api/http/api-problem.js';
import type { ApiRoute } from '../../platform/api/http/route-definition.js';
import { callParamsSchema } from '../../platform/api/routes/call-schemas.js';
import type { SwitchboardDatabase } from '../../platform/db/switchboard-database.js';
import type { LiveCallHub } from './live-call-hub.js';
import { liveCallListSchema } from './live-call.js';
import { createSseStream, SSE_HEADERS, type SseStreamOptions } from './sse-stream.js';

export interface LiveCallRoutesOptions {
  readonly hub: LiveCallHub;
  /** To tell an unknown call (404) from one not live here, inside the caller's organisation. */
  readonly database: SwitchboardDatabase;
  /** Ends a live call through the runtime (`runtime.endCall`); false when it is not live here. */
  readonly hangup: (callId: string) => boolean;
  readonly logger?: Logger;
  /** Keep-alive interval and per-client queue bound of the event streams (tests shorten them). */
  readonly stream?: Pick<SseStreamOptions, 'keepAliveMs' | 'maxQueuedBytes'>;
}

const eventStreamResponse = (description: string) => ({
  description,
  contentType: 'text/event-stream',
  schema: z.string(),
});

function callNotLive(callId: string): ApiProblem {
  return new ApiProblem({
    status: 409,
    code: 'call_not_live',
    title: 'Call not live',
    detail: `Call ${callId} is not live in this process; it ended or another process carries it.`,
  });
}

/**
 * The live-call API (docs/live-calls.md): `GET /v1/live-calls`, the organisation's event stream
 * `GET /v1/live-calls/stream`, one call's event stream `GET /v1/calls/{callId}/live`, and
 * `POST /v1/calls/{callId}/hangup`. Streams send a keep-alive comment every 15 s, drop a client
 * that stops reading, and free everything when the client goes away.
 *
 * @example
 * createApi({ ...dependencies, extraRoutes: createLiveCallRoutes({ hub, database, hangup: (id) => runtime.endCall(id), logger }) });
 */
export function createLiveCallRoutes(options: LiveCallRoutesOptions): ApiRoute<OrgPrincipal>[] {
  const { hub, database } = options;
  const logger = options.logger ?? silentLogger;
  const streamOptions = (what: string): SseStreamOptions => ({
    ...options.stream,
    onOverflow: () =>
      logger.info({ stream: what }, 'dropped a live stream client that fell behind'),
  });

  const callExists = (orgId: string, callId: string): Promise<boolean> =>
    database.forOrganization(orgId, async (trx) => {
      const row = await trx
        .selectFrom('calls')
        .select('id')
        .where('id', '=', callId)
        .executeTakeFirst();
      return row !== undefined;
    });

  const list = defineRoute({
    method: 'get',
    path: '/v1/live-calls',
    operationId: 'listLiveCalls',
    summary: 'List the calls live in this process, newest first',
    tags: ['live calls'],
    auth: 'api-key',
    scope: 'read',
    responses: { 200: { description: 'Live calls', schema: liveCallListSchema } },
    handler: ({ principal }) => ({ status: 200, body: { data: hub.list(principal.orgId) } }),
  });

  const organizationStream = defineRoute({
    method: 'get',
    path: '/v1/live-calls/stream',
    operationId: 'streamLiveCalls',
    summary: 'Follow the live calls (server-sent events)',
    description:
      '`event: live-calls` with `{"data": [LiveCall]}` when the stream opens and whenever a call starts, ends or changes state; `: keep-alive` comments every 15 s.',
    tags: ['live calls'],
    auth: 'api-key',
    scope: 'read',
    responses: { 200: eventStreamResponse('The event stream') },
    handler: ({ principal }) =>
      new Response(
        createSseStream(
          (writer) =>
            hub.watchOrganization(principal.orgId, {
              onCalls: (calls) => void writer.send('live-calls', { data: calls }),
              onClose: () => writer.close(),
            }),
          streamOptions('live-calls'),
        ),
        { headers: SSE_HEADERS },
      ),
  });

  const callStream = defineRoute({
    method: 'get',
    path: '/v1/calls/{callId}/live',
    operationId: 'streamLiveCall',
    summary: "Follow a call's events as they happen (server-sent events)",
    description:
      '`event: snapshot` with `{"call": LiveCall, "events": [CallEvent]}`, then `event: call-event` per event (partial transcripts and `turn-state` included); the stream closes after `call-ended`. A call not live here gets `event: not-live` and the stream closes.',
    tags: ['live calls'],
    auth: 'api-key',
    scope: 'read',
    params: callParamsSchema,
    responses: {
      200: eventStreamResponse('The event stream'),
      404: { description: '`not_found`: the organisation has no such call' },
    },
    handler: async ({ principal, params }) => {
      const { orgId } = principal;
      const { callId } = params;
      if (!hub.isLive(callId, orgId) && !(await callExists(orgId, callId)))
        throw notFound('Call', callId);
      const stream = createSseStream((writer) => {
        const watch = hub.watchCall(callId, orgId, {
          onEvent: (event) => void writer.send('call-event', event),
          onClose: () => writer.close(),
        });
        if (watch === undefined) {
          writer.send('not-live', { callId });
          writer.close();
          return undefined;
        }
        writer.send('snapshot', watch.snapshot);
        return watch.stop;
      }, streamOptions('call'));
      return new Response(stream, { headers: SSE_HEADERS });
    },
  });

  const hangup = defineRoute({
    method: 'post',
    path: '/v1/calls/{callId}/hangup',
    operationId: 'hangUpCall',
    summary: 'End a live call',
    description: 'The agent stops and the carrier hangs up; the call ends with `agent-hangup`.',
    tags: ['live calls'],
    auth: 'api-key',
    scope: 'admin',
    params: callParamsSchema,
    responses: {
      202: { description: 'The call is ending', schema: z.object({ callId: z.guid() }) },
      404: { description: '`not_found`: the organisation has no such call' },
      409: { description: '`call_not_live`: the call is not live in this process' },
    },
    handler: async ({ principal, params }) => {
      const { callId } = params;
      if (hub.isLive(callId, principal.orgId) && options.hangup(callId)) {
        logger.info({ callId, keyId: principal.keyId }, 'call hung up through the API');
        return { status: 202, body: { callId } };
      }
      if (!(await callExists(principal.orgId, callId))) throw notFound('Call', callId);
      throw callNotLive(callId);
    },
  });

  return [list, organizationStream, callStream, hangup];
}
