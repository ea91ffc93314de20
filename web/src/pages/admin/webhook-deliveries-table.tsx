import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiGet, apiSend } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
} from '../../api/webhook-types.js';
import { ACTIONS_COLUMN, DataTable } from '../../components/data-table.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useAction } from '../../hooks/use-action.js';
import { SelectField } from './form-fields.js';
import { formatDateTime } from './format.js';
import { ActionError } from './notices.js';
import { useResource } from './use-resource.js';
import { WebhookDeliveryDetailView } from './webhook-delivery-detail.js';
import { DELIVERY_STATUS_BADGES } from './webhook-events.js';

const PAGE_SIZE = 25;
type StatusFilter = WebhookDeliveryStatus | '';
const statusOptions: { value: StatusFilter; label: string }[] = [
  { value: '', label: 'All' },
  ...WEBHOOK_DELIVERY_STATUSES.map((status) => ({ value: status, label: status })),
];
const DELIVERY_COLUMNS = [
  'Created',
  'Event',
  'Status',
  { label: 'Attempts', numeric: true },
  'Last reply',
  ACTIONS_COLUMN,
] as const;

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
    () => apiGet<Page<WebhookDelivery>>('/v1/webhook-deliveries', query),
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
      const page = await apiGet<Page<WebhookDelivery>>('/v1/webhook-deliveries', {
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
      <ActionError error={action.error} />
      {first.error !== undefined && <ErrorNotice error={first.error} />}
      {first.loading && rows.length === 0 && first.error === undefined && (
        <Loading label="Loading deliveries…" />
      )}
      {!first.loading && rows.length === 0 && first.error === undefined && (
        <p class="muted">No deliveries{status === '' ? '' : ` with status ${status}`}.</p>
      )}
      {rows.length > 0 && (
        <DataTable caption="Deliveries" columns={DELIVERY_COLUMNS}>
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
        </DataTable>
      )}
      {cursor !== null && (
        <button type="button" class="button" disabled={action.busy} onClick={loadMore}>
          Load more deliveries
        </button>
      )}
    </section>
  );
}
