import type { Page } from '../../api/types.js';
import type { WebhookDelivery } from '../../api/webhook-types.js';
import { DeliveryStatusBadge } from '../../components/badges.js';
import { ACTIONS_COLUMN, DataTable } from '../../components/data-table.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { formatDateTime } from '../../format/date.js';
import type { ApiResource } from '../../hooks/use-api-get.js';
import { useSession } from '../../hooks/use-session.js';
import { useReplay } from './use-replay.js';

const DELIVERY_COLUMNS = [
  'Event',
  'Status',
  { label: 'Attempts', numeric: true },
  'Last response',
  'Created',
  ACTIONS_COLUMN,
] as const;

function lastResponse(delivery: WebhookDelivery): string {
  if (delivery.lastStatusCode !== null) return `HTTP ${delivery.lastStatusCode}`;
  return delivery.lastError ?? '–';
}

/** The webhook deliveries of this call, each with a Replay button (owners and admins). */
export function WebhookDeliveriesSection(props: {
  deliveries: ApiResource<Page<WebhookDelivery>>;
}) {
  const { deliveries } = props;
  const replays = useReplay();
  // Viewers may not replay; while the role is unknown the button shows and the API decides.
  const canReplay = useSession().session?.user.role !== 'viewer';
  const rows = [...replays.replays, ...(deliveries.data?.data ?? [])];
  const replayIds = new Set(replays.replays.map((delivery) => delivery.id));

  return (
    <section class="card" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Webhook deliveries</h2>
      {deliveries.error !== undefined ? (
        <ErrorNotice error={deliveries.error} onRetry={deliveries.reload} />
      ) : deliveries.data === undefined ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p class="muted">No webhook events were sent for this call.</p>
      ) : (
        <DataTable caption="Webhook deliveries of this call" columns={DELIVERY_COLUMNS}>
          {rows.map((delivery) => (
            <tr key={delivery.id} data-testid="webhook-delivery">
              <td>
                <code>{delivery.eventType}</code>
                {replayIds.has(delivery.id) && <span class="muted"> (replay)</span>}
              </td>
              <td aria-live={replayIds.has(delivery.id) ? 'polite' : undefined}>
                <DeliveryStatusBadge status={delivery.status} />
              </td>
              <td class="number">{delivery.attemptCount}</td>
              <td>{lastResponse(delivery)}</td>
              <td>{formatDateTime(delivery.createdAt)}</td>
              <td>
                {canReplay && !replayIds.has(delivery.id) && (
                  <button
                    type="button"
                    class="button small"
                    disabled={replays.busy.has(delivery.id)}
                    onClick={() => replays.replay(delivery.id)}
                  >
                    Replay
                  </button>
                )}
                {replays.errors.has(delivery.id) && (
                  <span class="field-error" role="alert">
                    {replays.errors.get(delivery.id)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
