import { useState } from 'preact/hooks';
import type { ApiKey } from '../../api/admin-types.js';
import { apiGet, apiSend } from '../../api/client.js';
import type { ListEnvelope } from '../../api/types.js';
import { ACTIONS_COLUMN, DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { useAction } from '../../hooks/use-action.js';
import { ApiKeyCreateForm, type CreatedApiKey } from './api-key-create-form.js';
import { formatDateTime } from './format.js';
import { ActionError, EmptyNotice } from './notices.js';
import { ResourceView } from './resource-view.js';
import { SecretPanel } from './secret-panel.js';
import { useCanEdit, useRole } from './use-can-edit.js';
import { useResource } from './use-resource.js';

const KEY_COLUMNS = [
  'Name',
  'Starts with',
  'Role',
  'Created',
  'Last used',
  ACTIONS_COLUMN,
] as const;

function KeysTable({
  keys,
  onRevoke,
  busy,
}: {
  keys: readonly ApiKey[];
  onRevoke: (key: ApiKey) => void;
  busy: boolean;
}) {
  return (
    <DataTable caption="API keys" columns={KEY_COLUMNS}>
      {keys.map((key) => (
        <tr key={key.id}>
          <th scope="row">{key.name}</th>
          <td class="admin-mono">{key.prefix}…</td>
          <td>{key.role}</td>
          <td>{formatDateTime(key.createdAt)}</td>
          <td>{key.lastUsedAt === null ? 'Never' : formatDateTime(key.lastUsedAt)}</td>
          <td>
            {key.revokedAt !== null ? (
              <span class="badge danger">revoked {formatDateTime(key.revokedAt)}</span>
            ) : (
              <button
                type="button"
                class="button danger small"
                disabled={busy}
                onClick={() => onRevoke(key)}
              >
                Revoke {key.name}
              </button>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** API keys: create one (its secret shown once), list them, revoke for good. */
export function SettingsApiKeysTab() {
  const role = useRole();
  const canEdit = useCanEdit();
  // Listing keys needs the admin scope; a viewer's request would only come back refused.
  const allowed = role !== 'viewer' && role !== 'loading';
  const resource = useResource(
    () => (allowed ? apiGet<ListEnvelope<ApiKey>>('/v1/api-keys') : Promise.resolve({ data: [] })),
    [allowed],
  );
  const [created, setCreated] = useState<CreatedApiKey | undefined>(undefined);
  const revoke = useAction();
  const keys = resource.data?.data;

  if (role === 'viewer')
    return <p class="notice">Only owners and admins can see and create API keys.</p>;
  const onRevoke = (key: ApiKey) => {
    if (!window.confirm(`Revoke the key ${key.name}? Anything using it stops working at once.`))
      return;
    void revoke.run(async () => {
      const revoked = await apiSend<ApiKey>('DELETE', `/v1/api-keys/${key.id}`);
      resource.setData({
        data: (keys ?? []).map((entry) => (entry.id === revoked.id ? revoked : entry)),
      });
    });
  };
  return (
    <div class="stack">
      {canEdit && (
        <ApiKeyCreateForm
          onCreated={({ secret, ...key }) => {
            setCreated({ ...key, secret });
            resource.setData({ data: [key, ...(keys ?? [])] });
          }}
        />
      )}
      {created !== undefined && (
        <SecretPanel
          label={`New API key ${created.name}`}
          secret={created.secret}
          warning="Copy it now: it is shown only this once and cannot be shown again. Anyone with it can use the API as this key's role."
          onDone={() => setCreated(undefined)}
        />
      )}
      <ActionError error={revoke.error} />
      {role === 'loading' ? (
        // Until the role is known the list is not asked for; an empty answer would mislead.
        <Loading label="Loading API keys…" />
      ) : (
        <ResourceView resource={resource} what="API keys">
          {({ data }) =>
            data.length === 0 ? (
              <EmptyNotice>
                <p>No API keys.</p>
              </EmptyNotice>
            ) : (
              <KeysTable keys={data} onRevoke={onRevoke} busy={revoke.busy} />
            )
          }
        </ResourceView>
      )}
    </div>
  );
}
