import { useState } from 'preact/hooks';
import { apiGet, apiSend } from '../../api/client.js';
import { ApiKeyCreateForm, type CreatedApiKey } from './api-key-create-form.js';
import type { ApiKey, ListEnvelope } from './api-types.js';
import { formatDateTime } from './format.js';
import { EmptyNotice, ErrorNotice, LoadingNotice } from './notices.js';
import { SecretPanel } from './secret-panel.js';
import { useAction } from './use-action.js';
import { useCanEdit, useRole } from './use-can-edit.js';
import { useResource } from './use-resource.js';

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
    <div class="table-scroll">
      <table class="table">
        <caption class="visually-hidden">API keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
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
      {revoke.error !== undefined && (
        <p class="error-notice" role="alert">
          {revoke.error}
        </p>
      )}
      {resource.error !== undefined && <ErrorNotice error={resource.error} />}
      {(keys === undefined || role === 'loading') && resource.error === undefined && (
        <LoadingNotice what="API keys" />
      )}
      {keys !== undefined &&
        role !== 'loading' &&
        (keys.length === 0 ? (
          <EmptyNotice>
            <p>No API keys.</p>
          </EmptyNotice>
        ) : (
          <KeysTable keys={keys} onRevoke={onRevoke} busy={revoke.busy} />
        ))}
    </div>
  );
}
