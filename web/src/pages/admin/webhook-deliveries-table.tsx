import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiGet, apiSend } from '../../api/client.js';
import type { DeliveryStatus, PagedEnvelope, WebhookDelivery } from './api-types.js';
import { formatDateTime } from './format.js';
import { SelectField } from './form-fields.js';
import { ErrorNotice, LoadingNotice } from './notices.js';
import { useAction } from './use-action.js';
import { useResource } from './use-resource.js';
import { WebhookDeliveryDetailView } from './webhook-delivery-detail.js';
import { DELIVERY_STATUS_BADGES, DELIVERY_STATUSES } from './webhook-events.js';

const PAGE_SIZE = 25;
type StatusFilter = DeliveryStatus | '';
const statusOptions: { value: StatusFilter; label: string }[] = [
  { value: '', label: 'All' },
  ...DELIVERY_STATUSES.map((status) => ({ value: status, label: status })),
];

/** One endpoint's deliveries, newest first, filtered by status, each with details and Replay. */
export function WebhookDeliveriesTable({
  endpointId,
  canReplay,
}: {
  endpointId: string;
  canReplay: boolean;
}) {
  const [status, setStatus] = useState<StatusFilter>('');
  const [rows, setRows] = useState<readonly WebhookDelivery[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const action = useAction();
  const query = { endpointId, limit: PAGE_SIZE, status: status === '' ? undefined : status };
  const first = useResource(
    () => apiGet<PagedEnvelope<WebhookDelivery>>('/v1/webhook-deliveries', query),
    [endpointId, status],
  );
  useEffect(() => {
    if (first.data === undefined) return;
    setRows(first.data.data);
    setCursor(first.data.nextCursor);
  }, [first.data]);

  const loadMore = () =>
    void action.run(async () => {
      if (cursor === null) return;
      const page = await apiGet<PagedEnvelope<WebhookDelivery>>('/v1/webhook-deliveries', {
        ...query,
        cursor,
      });
      setRows((previous) => [...previous, ...page.data]);
      setCursor(page.nextCursor);
    });
  const replay = (delivery: WebhookDelivery) =>
    void action.run(async () => {
      const created = await apiSend<WebhookDelivery>(
        'POST',
        `/v1/webhook-deliveries/${delivery.id}/replay`,
      );
      if (status === '' || status === created.status) setRows((previous) => [created, ...previous]);
      setAnnouncement(`Replay of ${delivery.eventType} queued; it is listed as pending.`);
    });

  return (
    <section class="stack" aria-label="Delivery history">
      <div class="admin-filter">
        <SelectField<StatusFilter>
          label="Delivery status"
          value={status}
          options={statusOptions}
          onValue={setStatus}
        />
      </div>
      <p role="status" class="muted">
        {announcement}
      </p>
      {action.error !== undefined && (
        <p class="error-notice" role="alert">
          {action.error}
        </p>
      )}
      {first.error !== undefined && <ErrorNotice error={first.error} />}
      {first.loading && rows.length === 0 && first.error === undefined && (
        <LoadingNotice what="deliveries" />
      )}
      {!first.loading && rows.length === 0 && first.error === undefined && (
        <p class="muted">No deliveries{status === '' ? '' : ` with status ${status}`}.</p>
      )}
      {rows.length > 0 && (
        <div class="table-scroll">
          <table class="table">
            <caption class="visually-hidden">Deliveries</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col" class="number">
                  Attempts
                </th>
                <th scope="col">Last reply</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((delivery) => (
                <Fragment key={delivery.id}>
                  <tr>
                    <td>{formatDateTime(delivery.createdAt)}</td>
                    <th scope="row">
                      {delivery.eventType}
                      {delivery.replayOf !== null && <span class="muted"> (replay)</span>}
                    </th>
                    <td>
                      <span class={`badge ${DELIVERY_STATUS_BADGES[delivery.status]}`}>
                        {delivery.status}
                      </span>
                    </td>
                    <td class="number">{delivery.attemptCount}</td>
                    <td>
                      {delivery.lastStatusCode ?? '—'}
                      {delivery.lastError !== null && <div class="muted">{delivery.lastError}</div>}
                    </td>
                    <td class="admin-actions">
                      <button
                        type="button"
                        class="button small"
                        aria-expanded={openId === delivery.id}
                        onClick={() => setOpenId(openId === delivery.id ? undefined : delivery.id)}
                      >
                        {openId === delivery.id ? 'Hide details' : 'Details'}
                      </button>
                      {canReplay && (
                        <button
                          type="button"
                          class="button small"
                          disabled={action.busy}
                          onClick={() => replay(delivery)}
                        >
                          Replay
                        </button>
                      )}
                    </td>
                  </tr>
                  {openId === delivery.id && (
                    <tr>
                      <td colSpan={6}>
                        <WebhookDeliveryDetailView deliveryId={delivery.id} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor !== null && (
        <button type="button" class="button" disabled={action.busy} onClick={loadMore}>
          Load more deliveries
        </button>
      )}
    </section>
  );
}
