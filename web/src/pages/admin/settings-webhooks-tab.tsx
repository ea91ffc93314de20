import { useState } from 'preact/hooks';
import { apiGet } from '../../api/client.js';
import type { ListEnvelope } from '../../api/types.js';
import type { WebhookEndpoint } from '../../api/webhook-types.js';
import { EmptyNotice } from './notices.js';
import { ResourceView } from './resource-view.js';
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
      <ResourceView resource={resource} what="webhook endpoints">
        {({ data: list }) =>
          list.length === 0 ? (
            <EmptyNotice>
              <p>No webhook endpoints.</p>
            </EmptyNotice>
          ) : (
            list.map((endpoint) => (
              <WebhookEndpointItem
                key={endpoint.id}
                endpoint={endpoint}
                canEdit={canEdit}
                {...(fresh?.id === endpoint.id ? { initialSecret: fresh.secret } : {})}
                onChanged={(changed) =>
                  replace(list.map((entry) => (entry.id === changed.id ? changed : entry)))
                }
                onDeleted={(id) => replace(list.filter((entry) => entry.id !== id))}
              />
            ))
          )
        }
      </ResourceView>
    </div>
  );
}
