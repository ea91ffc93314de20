import { ApiError } from '../../api/client.js';
import type { CallDetail, EmailSummary, Page } from '../../api/types.js';
import type { WebhookDelivery } from '../../api/webhook-types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { formatDateTime } from '../../format/date.js';
import { formatNumber } from '../../format/labels.js';
import { useApiGet } from '../../hooks/use-api-get.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import '../../styles/call-detail.css';
import '../../styles/transcript.css';
import { AnalysisSection } from './analysis-section.js';
import { CallHeader } from './call-header.js';
import { EmailSection } from './email-section.js';
import { LatencySection } from './latency-section.js';
import { RecordingSection } from './recording-section.js';
import { UsageSection } from './usage-section.js';
import { WebhookDeliveriesSection } from './webhook-deliveries-section.js';

/** A 404, or an id that cannot be a call's (the API refuses it as a malformed parameter). */
function isMissingCall(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 422);
}

/** Shown for a call id the organisation does not have, with a way back. */
export function MissingCall() {
  return (
    <div class="page">
      <h1>Call not found</h1>
      <p class="error-notice" role="alert">
        This call does not exist (or belongs to another organisation).
      </p>
      <p>
        <a href="/calls">Back to calls</a>
      </p>
    </div>
  );
}

/**
 * `/calls/:callId`: the call record. The call, its webhook deliveries and its emails are asked
 * for at once; the recording streams into the player.
 */
export function CallDetailPage(props: { callId: string }) {
  const { callId } = props;
  const call = useApiGet<CallDetail>(`/v1/calls/${encodeURIComponent(callId)}`);
  const deliveries = useApiGet<Page<WebhookDelivery>>('/v1/webhook-deliveries', {
    callId,
    limit: 100,
  });
  const emails = useApiGet<Page<EmailSummary>>('/v1/emails', { callId, limit: 10 });
  const data = call.data;
  useDocumentTitle(
    data === undefined
      ? isMissingCall(call.error)
        ? 'Call not found'
        : 'Call'
      : `Call from ${formatNumber(data.from)}`,
  );

  if (isMissingCall(call.error)) return <MissingCall />;
  if (call.error !== undefined) {
    return (
      <div class="page">
        <h1>Call</h1>
        <ErrorNotice error={call.error} onRetry={call.reload} />
        <p>
          <a href="/calls">Back to calls</a>
        </p>
      </div>
    );
  }
  if (data === undefined) {
    return (
      <div class="page">
        <h1>Call</h1>
        <Loading label="Loading the call…" />
      </div>
    );
  }

  return (
    <div class="page call-detail">
      <div class="page-header">
        <div>
          <p class="breadcrumb">
            <a href="/calls">Calls</a>
          </p>
          <h1>
            Call from {formatNumber(data.from)}{' '}
            <span class="muted title-time">{formatDateTime(data.createdAt)}</span>
          </h1>
        </div>
        {data.status === 'in-progress' && (
          <a class="button primary" href={`/calls/${data.id}/live`}>
            Watch live
          </a>
        )}
      </div>
      <CallHeader call={data} />
      <RecordingSection call={data} />
      <AnalysisSection call={data} />
      <LatencySection metrics={data.turnMetrics} />
      <UsageSection usage={data.usage} totalCost={data.totalCost} />
      <WebhookDeliveriesSection deliveries={deliveries} />
      <EmailSection emails={emails} />
    </div>
  );
}
