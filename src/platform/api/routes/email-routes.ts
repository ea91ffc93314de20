import { z } from 'zod';
import { EMAIL_KINDS, EMAIL_STATUSES, getEmail, listEmails } from '../../email/email-records.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { notFound } from '../http/api-problem.js';
import {
  cursorQuerySchema,
  limitQuerySchema,
  listEnvelopeSchema,
  toListPage,
} from '../http/cursor-pagination.js';
import { readSeqCursor } from './seq-cursor.js';

const timestamp = z.iso.datetime();

/** An email as lists show it: without its bodies. */
export const emailSummarySchema = z
  .object({
    id: z.guid(),
    callId: z.guid().nullable(),
    kind: z.enum(EMAIL_KINDS).meta({
      description:
        '`call-summary`: the summary of one call; `endpoint-paused`: a webhook endpoint was paused.',
    }),
    recipients: z.array(z.string()),
    subject: z.string(),
    status: z.enum(EMAIL_STATUSES).meta({
      description:
        '`pending` until it goes out; `sent` through SMTP, `outbox` written to the outbox folder (no SMTP server configured), `failed` after the last attempt.',
    }),
    transport: z.string().nullable().meta({ description: '`smtp` or `outbox`, once sent.' }),
    messageId: z.string().nullable(),
    outboxPath: z
      .string()
      .nullable()
      .meta({ description: 'The .eml file on the server, for an outbox email.' }),
    error: z.string().nullable(),
    createdAt: timestamp,
    sentAt: timestamp.nullable(),
  })
  .meta({ id: 'EmailSummary' });

/** An email with the HTML and plain-text bodies it was sent with. */
export const emailSchema = emailSummarySchema
  .extend({ html: z.string(), text: z.string() })
  .meta({ id: 'Email' });

const emailListSchema = listEnvelopeSchema(emailSummarySchema).meta({ id: 'EmailList' });

const listEmailsQuerySchema = z.object({
  limit: limitQuerySchema,
  cursor: cursorQuerySchema,
  callId: z.guid().optional(),
  status: z.enum(EMAIL_STATUSES).optional(),
  kind: z.enum(EMAIL_KINDS).optional(),
});

/** The emails Switchboard sent (or is sending) for the organisation, with what they said. */
export function createEmailRoutes({ database }: Pick<ApiDependencies, 'database'>) {
  const list = defineRoute({
    method: 'get',
    path: '/v1/emails',
    operationId: 'listEmails',
    summary: 'List sent and pending emails, newest first',
    description:
      'An email appears once its job has rendered it. Filters combine with AND; pass `nextCursor` back as `cursor` for the next page.',
    tags: ['emails'],
    auth: 'api-key',
    scope: 'read',
    query: listEmailsQuerySchema,
    responses: { 200: { description: 'One page of emails', schema: emailListSchema } },
    handler: async ({ principal, query }) => {
      const beforeSeq = readSeqCursor(query.cursor);
      const rows = await database.forOrganization(principal.orgId, (trx) =>
        listEmails(
          trx,
          {
            ...(query.callId !== undefined ? { callId: query.callId } : {}),
            ...(query.status !== undefined ? { status: query.status } : {}),
            ...(query.kind !== undefined ? { kind: query.kind } : {}),
          },
          { limit: query.limit, ...(beforeSeq !== undefined ? { beforeSeq } : {}) },
        ),
      );
      return { status: 200, body: toListPage(rows, query.limit, (row) => [row.seq]) };
    },
  });

  const get = defineRoute({
    method: 'get',
    path: '/v1/emails/{emailId}',
    operationId: 'getEmail',
    summary: 'Get an email with its HTML and text',
    tags: ['emails'],
    auth: 'api-key',
    scope: 'read',
    params: z.object({ emailId: z.guid() }),
    responses: {
      200: { description: 'The email', schema: emailSchema },
      404: { description: '`not_found`: no such email in this organisation (yet)' },
    },
    handler: async ({ principal, params }) => {
      const email = await database.forOrganization(principal.orgId, (trx) =>
        getEmail(trx, params.emailId),
      );
      if (email === undefined) throw notFound('Email', params.emailId);
      return { status: 200, body: email };
    },
  });

  return [list, get];
}
