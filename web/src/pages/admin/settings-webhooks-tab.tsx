import { useState } from 'preact/hooks';
import { apiGet } from '../../api/client.js';
import type { ListEnvelope, WebhookEndpoint } from './api-types.js';
import { EmptyNotice, ErrorNotice, LoadingNotice } from './notices.js';
import { useCanEdit } from './use-can-edit.js';
import { useResource } from './use-resource.js';
import { WebhookEndpointForm } from './webhook-endpoint-form.js';
import { WebhookEndpointItem } from './webhook-endpoint-item.js';

/** Webhook endpoints: add, enable or disable, secrets, and each one's delivery history. */
export function SettingsWebhooksTab() {
  const canEdit = useCanEdit();
  const resource = useResource(
    () => apiGet<ListEnvelope<WebhookEndpoint>>('/v1/webhook-endpoints'),
    [],
  );
  // The secret of an endpoint created on this visit, shown once under it.
  const [fresh, setFresh] = useState<{ id: string; secret: string } | undefined>(undefined);
  const endpoints = resource.data?.data;
  const replace = (list: readonly WebhookEndpoint[]) => resource.setData({ data: list });
  return (
    <div class="stack">
      <p class="muted">
        Switchboard POSTs call and appointment events to these URLs, signed with each endpoint's
        secret, and retries failed deliveries.
      </p>
      {canEdit && endpoints !== undefined && (
        <WebhookEndpointForm
          onCreated={({ secret, ...endpoint }) => {
            replace([...endpoints, endpoint]);
            setFresh({ id: endpoint.id, secret });
          }}
        />
      )}
      {resource.error !== undefined && <ErrorNotice error={resource.error} />}
      {endpoints === undefined && resource.error === undefined && (
        <LoadingNotice what="webhook endpoints" />
      )}
      {endpoints !== undefined && endpoints.length === 0 && (
        <EmptyNotice>
          <p>No webhook endpoints.</p>
        </EmptyNotice>
      )}
      {endpoints?.map((endpoint) => (
        <WebhookEndpointItem
          key={endpoint.id}
          endpoint={endpoint}
          canEdit={canEdit}
          {...(fresh?.id === endpoint.id ? { initialSecret: fresh.secret } : {})}
          onChanged={(changed) =>
            replace(endpoints.map((entry) => (entry.id === changed.id ? changed : entry)))
          }
          onDeleted={(id) => replace(endpoints.filter((entry) => entry.id !== id))}
        />
      ))}
    </div>
  );
}
