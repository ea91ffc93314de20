import { apiGet } from '../../api/client.js';
import type { WebhookDeliveryDetail } from './api-types.js';
import { formatDateTime } from './format.js';
import { ErrorNotice, LoadingNotice } from './notices.js';
import { useResource } from './use-resource.js';

/** Every attempt of one delivery (status code, latency, reply, error) and the event it carried. */
export function WebhookDeliveryDetailView({ deliveryId }: { deliveryId: string }) {
  const resource = useResource(
    () => apiGet<WebhookDeliveryDetail>(`/v1/webhook-deliveries/${deliveryId}`),
    [deliveryId],
  );
  const detail = resource.data;
  if (resource.error !== undefined) return <ErrorNotice error={resource.error} />;
  if (detail === undefined) return <LoadingNotice what="the delivery" />;
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
        <div class="table-scroll">
          <table class="table">
            <caption class="visually-hidden">Attempts</caption>
            <thead>
              <tr>
                <th scope="col">Attempt</th>
                <th scope="col">Started</th>
                <th scope="col">Status code</th>
                <th scope="col" class="number">
                  Latency
                </th>
                <th scope="col">Response</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
      <details>
        <summary>Event body</summary>
        <pre class="admin-excerpt">{JSON.stringify(detail.event.data, null, 2)}</pre>
      </details>
    </div>
  );
}
