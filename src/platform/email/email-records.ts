import type { Selectable } from 'kysely';
import type { EmailStatus, EmailsTable } from '../db/database-schema.js';
import type { TenantTransaction } from '../db/switchboard-database.js';

/** What an email is for. */
export type EmailKind = EmailsTable['kind'];

export const EMAIL_KINDS = [
  'call-summary',
  'endpoint-paused',
] as const satisfies readonly EmailKind[];
export const EMAIL_STATUSES = [
  'pending',
  'sent',
  'outbox',
  'failed',
] as const satisfies readonly EmailStatus[];

/** An email as lists show it: everything but its bodies. */
export interface EmailSummary {
  readonly id: string;
  readonly callId: string | null;
  readonly kind: EmailKind;
  readonly recipients: string[];
  readonly subject: string;
  readonly status: EmailStatus;
  /** How it went out (`smtp`, `outbox`), once it did. */
  readonly transport: string | null;
  readonly messageId: string | null;
  /** The `.eml` file it was written to when no SMTP server is configured. */
  readonly outboxPath: string | null;
  readonly error: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

/** An email with the HTML and plain-text bodies it was sent with. */
export interface EmailRecord extends EmailSummary {
  readonly html: string;
  readonly text: string;
}

export interface EmailFilters {
  readonly callId?: string;
  readonly status?: EmailStatus;
  readonly kind?: EmailKind;
}

const summaryColumns = [
  'id',
  'seq',
  'call_id',
  'kind',
  'recipients',
  'subject',
  'status',
  'transport',
  'message_id',
  'outbox_path',
  'error',
  'created_at',
  'sent_at',
] as const;

type SummaryRow = Pick<Selectable<EmailsTable>, (typeof summaryColumns)[number]>;

function toSummary(row: SummaryRow): EmailSummary {
  return {
    id: row.id,
    callId: row.call_id,
    kind: row.kind,
    recipients: row.recipients,
    subject: row.subject,
    status: row.status,
    transport: row.transport,
    messageId: row.message_id,
    outboxPath: row.outbox_path,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}

/**
 * The organisation's emails, newest first: `limit + 1` rows after `beforeSeq` (keyset on `seq`),
 * for the API's page helper. The bodies are left out; {@link getEmail} has them.
 */
export async function listEmails(
  trx: TenantTransaction,
  filters: EmailFilters,
  page: { readonly limit: number; readonly beforeSeq?: string },
): Promise<(EmailSummary & { readonly seq: string })[]> {
  let query = trx.selectFrom('emails').select(summaryColumns);
  if (filters.callId !== undefined) query = query.where('call_id', '=', filters.callId);
  if (filters.status !== undefined) query = query.where('status', '=', filters.status);
  if (filters.kind !== undefined) query = query.where('kind', '=', filters.kind);
  if (page.beforeSeq !== undefined) query = query.where('seq', '<', page.beforeSeq);
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(page.limit + 1)
    .execute();
  return rows.map((row) => ({ ...toSummary(row), seq: String(row.seq) }));
}

/** One email with its bodies, or `undefined` when the organisation has none with this id. */
export async function getEmail(
  trx: TenantTransaction,
  id: string,
): Promise<EmailRecord | undefined> {
  const row = await trx
    .selectFrom('emails')
    .select([...summaryColumns, 'html', 'text_body'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : { ...toSummary(row), html: row.html, text: row.text_body };
}
