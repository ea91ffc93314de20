import { sql } from 'kysely';
import type { Logger } from '../../logging/logger.js';
import type { CallAnalysis } from '../analysis/index.js';
import { getCallDetail } from '../calls/call-queries.js';
import type { SwitchboardDatabase, TenantTransaction } from '../db/switchboard-database.js';
import {
  renderEndpointPausedEmail,
  renderSummaryEmail,
  type EmailSender,
  type RenderedEmail,
} from '../email/index.js';
import type { JobHandler } from '../jobs/job-runner.js';
import { getOrganization } from '../tenancy/organizations.js';
import { getSummaryEmailSettings } from '../tenancy/summary-email-settings.js';
import { appointmentsOfCall } from './call-event-payloads.js';
import type { SendEmailJob } from './post-call-jobs.js';

export interface SendEmailJobOptions {
  readonly database: SwitchboardDatabase;
  readonly sender: EmailSender;
  /** Where the dashboard is, for the links in emails. */
  readonly publicUrl: () => string;
  readonly logger: Logger;
}

interface ComposedEmail {
  readonly recipients: string[];
  readonly rendered: RenderedEmail;
  readonly callId: string | null;
}

async function composeSummary(
  trx: TenantTransaction,
  job: Extract<SendEmailJob, { kind: 'call-summary' }>,
  publicUrl: string,
): Promise<ComposedEmail | undefined> {
  const [organization, settings, detail, row] = await Promise.all([
    getOrganization(trx, job.orgId),
    getSummaryEmailSettings(trx, job.orgId),
    getCallDetail(trx, job.callId),
    trx.selectFrom('calls').select('analysis').where('id', '=', job.callId).executeTakeFirst(),
  ]);
  if (organization === undefined || detail === undefined) return undefined;
  const analysis = (row?.analysis ?? null) as CallAnalysis | null;
  const appointments = await appointmentsOfCall(trx, job.callId);
  const rendered = renderSummaryEmail({
    organizationName: organization.name,
    timeZone: organization.timeZone,
    dashboardUrl: `${publicUrl.replace(/\/+$/, '')}/calls/${job.callId}`,
    call: {
      id: detail.id,
      direction: detail.direction,
      from: detail.from,
      to: detail.to,
      agentName: detail.agentName,
      startedAt: detail.createdAt.toISOString(),
      durationMs: detail.durationMs,
      status: detail.status,
      disposition: detail.disposition,
      endReason: detail.endReason,
    },
    analysis: {
      source: analysis?.source ?? 'derived',
      summary: analysis?.summary ?? null,
      sentiment: analysis?.sentiment ?? null,
      success: analysis?.success ?? null,
      voicemail: analysis?.voicemail ?? null,
      fields: analysis?.fields ?? null,
      unavailable: analysis?.unavailable ?? ['summary'],
      ...(analysis === null
        ? { unavailableReason: 'the call has not been analysed yet' }
        : analysis.unavailableReason !== undefined
          ? { unavailableReason: analysis.unavailableReason }
          : {}),
      toolsUsed: analysis?.toolsUsed ?? [],
      turns: analysis?.turns ?? detail.turnCount,
    },
    appointments: appointments.map((appointment) => ({
      id: appointment.id,
      serviceType: appointment.serviceType,
      startsAt: appointment.startsAt,
      status: appointment.status,
    })),
  });
  return { recipients: settings.recipients, rendered, callId: job.callId };
}

async function composePaused(
  trx: TenantTransaction,
  job: Extract<SendEmailJob, { kind: 'endpoint-paused' }>,
  publicUrl: string,
): Promise<ComposedEmail | undefined> {
  const organization = await getOrganization(trx, job.orgId);
  if (organization === undefined) return undefined;
  // The owners are told; an organisation without users falls back to its summary recipients.
  const owners = await trx
    .selectFrom('users')
    .select('email')
    .where('role', 'in', ['owner', 'admin'])
    .orderBy(sql`role = 'owner'`, 'desc')
    .execute();
  const recipients =
    owners.length > 0
      ? owners.map((owner) => owner.email)
      : (await getSummaryEmailSettings(trx, job.orgId)).recipients;
  return {
    recipients,
    callId: null,
    rendered: renderEndpointPausedEmail({
      organizationName: organization.name,
      endpointUrl: job.url,
      consecutiveFailures: job.consecutiveFailures,
      lastError: job.lastError,
      settingsUrl: `${publicUrl.replace(/\/+$/, '')}/settings/webhooks`,
    }),
  };
}

/**
 * The `send-email` job: renders the email from the records as they are now, keeps a copy in the
 * `emails` table (listed through the API), and sends it through SMTP or into the outbox folder.
 * The email id is the job's, so a retried job sends the same message (same Message-ID) and one
 * already sent is not sent again. Failures are recorded on the copy and retried with backoff.
 */
export function createSendEmailHandler(options: SendEmailJobOptions): JobHandler<SendEmailJob> {
  return async (job) => {
    const data = job.data;
    const logger = options.logger.child({
      orgId: data.orgId,
      emailId: data.emailId,
      kind: data.kind,
    });
    const composed = await options.database.forOrganization(data.orgId, async (trx) => {
      const existing = await trx
        .selectFrom('emails')
        .select('status')
        .where('id', '=', data.emailId)
        .executeTakeFirst();
      if (existing?.status === 'sent' || existing?.status === 'outbox') return 'done' as const;
      const email =
        data.kind === 'call-summary'
          ? await composeSummary(trx, data, options.publicUrl())
          : await composePaused(trx, data, options.publicUrl());
      if (email === undefined || email.recipients.length === 0) return email;
      await trx
        .insertInto('emails')
        .values({
          id: data.emailId,
          org_id: data.orgId,
          call_id: email.callId,
          kind: data.kind,
          recipients: email.recipients,
          subject: email.rendered.subject,
          html: email.rendered.html,
          text_body: email.rendered.text,
          status: 'pending',
        })
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet({
            recipients: email.recipients,
            subject: email.rendered.subject,
            html: email.rendered.html,
            text_body: email.rendered.text,
          }),
        )
        .execute();
      return email;
    });
    if (composed === 'done') return;
    if (composed === undefined || composed.recipients.length === 0) {
      logger.info('no recipients for this email; nothing sent');
      return;
    }
    try {
      const sent = await options.sender.send({
        id: data.emailId,
        orgId: data.orgId,
        to: composed.recipients,
        ...composed.rendered,
      });
      await options.database.forOrganization(data.orgId, (trx) =>
        trx
          .updateTable('emails')
          .set({
            status: sent.transport === 'smtp' ? 'sent' : 'outbox',
            transport: sent.transport,
            message_id: sent.messageId,
            outbox_path: sent.path ?? null,
            error:
              sent.rejected.length > 0 ? `rejected: ${sent.rejected.length} recipient(s)` : null,
            sent_at: new Date(),
          })
          .where('id', '=', data.emailId)
          .execute(),
      );
      logger.info({ transport: sent.transport }, 'email sent');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await options.database
        .forOrganization(data.orgId, (trx) =>
          trx
            .updateTable('emails')
            .set({ status: 'failed', error: message })
            .where('id', '=', data.emailId)
            .execute(),
        )
        .catch(() => undefined);
      throw error;
    }
  };
}
