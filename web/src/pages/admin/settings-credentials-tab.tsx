import { useState } from 'preact/hooks';
import type { CredentialProvider, CredentialSummary } from '../../api/admin-types.js';
import { apiGet, apiSend } from '../../api/client.js';
import type { ListEnvelope } from '../../api/types.js';
import { useAction } from '../../hooks/use-action.js';
import { CredentialForm } from './credential-form.js';
import { CREDENTIAL_PROVIDERS, type CredentialProviderInfo } from './credential-providers.js';
import { formatDateTime } from './format.js';
import { ActionError } from './notices.js';
import { ResourceView } from './resource-view.js';
import { useCanEdit } from './use-can-edit.js';
import { useResource } from './use-resource.js';

function CredentialCard({
  info,
  summary,
  canEdit,
  onChanged,
}: {
  info: CredentialProviderInfo;
  summary: CredentialSummary | undefined;
  canEdit: boolean;
  onChanged: (provider: CredentialProvider, summary: CredentialSummary | undefined) => void;
}) {
  const [editing, setEditing] = useState(false);
  const removal = useAction();
  const remove = () => {
    if (
      !window.confirm(
        `Delete the ${info.name} credential? The server's own key applies again, if it has one.`,
      )
    )
      return;
    void removal.run(async () => {
      await apiSend<undefined>('DELETE', `/v1/credentials/${info.provider}`);
      onChanged(info.provider, undefined);
    });
  };
  return (
    <article class="card" aria-labelledby={`credential-${info.provider}`}>
      <h2 id={`credential-${info.provider}`}>{info.name}</h2>
      <p class="muted">{info.purpose}</p>
      {summary === undefined ? (
        <p>
          <span class="badge">not set</span>{' '}
          <span class="muted">The server's own key is used, if it has one.</span>
        </p>
      ) : (
        <dl class="facts">
          {summary.publicId !== null && (
            <>
              <dt>Account</dt>
              <dd class="admin-mono">{summary.publicId}</dd>
            </>
          )}
          <dt>Secret</dt>
          <dd class="admin-mono">…{summary.hint}</dd>
          <dt>Updated</dt>
          <dd>{formatDateTime(summary.updatedAt)}</dd>
        </dl>
      )}
      <ActionError error={removal.error} />
      {editing ? (
        <CredentialForm
          info={info}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            onChanged(info.provider, saved);
          }}
        />
      ) : (
        canEdit && (
          <div class="row">
            <button type="button" class="button" onClick={() => setEditing(true)}>
              {summary === undefined
                ? `Set ${info.name} credential`
                : `Replace ${info.name} credential`}
            </button>
            {summary !== undefined && (
              <button type="button" class="button danger" disabled={removal.busy} onClick={remove}>
                Delete {info.name} credential
              </button>
            )}
          </div>
        )
      )}
    </article>
  );
}

/** The organisation's provider and carrier accounts; secrets go in and never come back out. */
export function SettingsCredentialsTab() {
  const canEdit = useCanEdit();
  const resource = useResource(
    () => apiGet<ListEnvelope<CredentialSummary>>('/v1/credentials'),
    [],
  );
  const list = resource.data?.data;
  const onChanged = (provider: CredentialProvider, summary: CredentialSummary | undefined) => {
    const others = (list ?? []).filter((entry) => entry.provider !== provider);
    resource.setData({ data: summary === undefined ? others : [...others, summary] });
  };
  return (
    <div class="stack">
      <p class="muted">
        Keys of your own accounts, sealed on the server. They are write-only: this page shows only
        the last four characters.
      </p>
      <ResourceView resource={resource} what="credentials">
        {({ data }) =>
          CREDENTIAL_PROVIDERS.map((info) => (
            <CredentialCard
              key={info.provider}
              info={info}
              summary={data.find((entry) => entry.provider === info.provider)}
              canEdit={canEdit}
              onChanged={onChanged}
            />
          ))
        }
      </ResourceView>
    </div>
  );
}
