import type { CallFollowUp } from '../calls/call-follow-up.js';
import type { JobQueue } from '../jobs/job-queue-service.js';
import { hasSubscribers, publishWebhookEvents } from '../webhooks/publish-webhook-events.js';
import { deterministicEventId } from '../webhooks/webhook-event-types.js';
import { callEndedPayload, callStartedPayload } from './call-event-payloads.js';
import { requestCallAnalysis } from './post-call-jobs.js';

/**
 * The platform's answer to a call's record changing: `call.started`, `transcript.updated`
 * (only when an endpoint wants it; at most once per record write, i.e. about once a second) and
 * `call.ended` are published, and the analysis is queued, in the same transaction as the change.
 * Event ids derive from the facts, so a journal replayed after a crash announces nothing twice.
 */
export function createCallFollowUp(jobs: JobQueue): CallFollowUp {
  return {
    async callStarted(trx, orgId, callId) {
      const data = await callStartedPayload(trx, callId);
      if (data === undefined) return;
      await publishWebhookEvents(trx, orgId, [
        {
          id: deterministicEventId(callId, 'call.started'),
          type: 'call.started',
          subjectId: callId,
          callId,
          data,
        },
      ]);
    },
    async transcriptAdded(trx, orgId, callId, lines) {
      const last = lines.at(-1);
      if (last === undefined || !(await hasSubscribers(trx, 'transcript.updated'))) return;
      await publishWebhookEvents(trx, orgId, [
        {
          id: deterministicEventId(callId, 'transcript.updated', String(last.seq)),
          type: 'transcript.updated',
          subjectId: callId,
          callId,
          data: { callId, lines },
        },
      ]);
    },
    async callEnded(trx, orgId, callId) {
      const data = await callEndedPayload(trx, callId);
      if (data === undefined) return;
      await publishWebhookEvents(trx, orgId, [
        {
          id: deterministicEventId(callId, 'call.ended'),
          type: 'call.ended',
          subjectId: callId,
          callId,
          data,
        },
      ]);
      await requestCallAnalysis(trx, jobs, { orgId, callId, email: 'auto', trigger: 'call-ended' });
    },
  };
}
