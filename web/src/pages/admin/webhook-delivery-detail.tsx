import { apiGet } from '../../api/client.js';
import type { WebhookDeliveryDetail } from '../../api/webhook-types.js';
import { DataTable } from '../../components/data-table.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { formatDateTime } from './format.js';
import { useResource } from './use-resource.js';

const ATTEMPT_COLUMNS = [
  'Attempt',
  'Started',
  'Status code',
  { label: 'Latency', numeric: true },
  'Response',
  'Error',
] as const;

/** Every attempt of one delivery (status code, latency, reply, error) and the event it carried. */
export function WebhookDeliveryDetailView({ deliveryId }: { deliveryId: string }) {
  const resource = useResource(
    () => apiGet<WebhookDeliveryDetail>(`/v1/webhook-deliveries/${deliveryId}`),
    [deliveryId],
  );
  const detail = resource.data;
  if (resource.error !== undefined) return <ErrorNotice error={resource.error} />;
  if (detail === undefined) return <Loading label="Loading the delivery…" />;
  return (
    <div class="stack admin-delivery-detail">
      <p class="muted">
        Event {detail.event.type} · id <span class="admin-mono">{detail.event.id}</span>
        {detail.replayOf !== null && ' · a replay'}
        {detail.nextAttemptAt !== null && ` · next attempt ${formatDateTime(detail.nextAttemptAt)}`}
      </p>
      {detail.attempts.length === 0 ? (
        <p class="muted">No attempts yet.</p>
      ) : (
        <DataTable caption="Attempts" columns={ATTEMPT_COLUMNS}>
          {detail.attempts.map((attempt) => (
            <tr key={attempt.attempt}>
              <th scope="row">{attempt.attempt}</th>
              <td>{formatDateTime(attempt.startedAt)}</td>
              <td>{attempt.statusCode ?? '—'}</td>
              <td class="number">{attempt.latencyMs} ms</td>
              <td>
                {attempt.responseExcerpt === null ? (
                  '—'
                ) : (
                  <pre class="admin-excerpt">{attempt.responseExcerpt}</pre>
                )}
              </td>
              <td>{attempt.error ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <details>
        <summary>Event body</summary>
        <pre class="admin-excerpt">{JSON.stringify(detail.event.data, null, 2)}</pre>
      </details>
    </div>
  );
}
