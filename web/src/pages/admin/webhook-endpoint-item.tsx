import { useState } from 'preact/hooks';
import { apiSend } from '../../api/client.js';
import type { WebhookEndpoint } from '../../api/webhook-types.js';
import { useAction } from '../../hooks/use-action.js';
import { formatDateTime } from './format.js';
import { ActionError } from './notices.js';
import { SecretPanel } from './secret-panel.js';
import { WebhookDeliveriesTable } from './webhook-deliveries-table.js';

interface WebhookEndpointItemProps {
  readonly endpoint: WebhookEndpoint;
  readonly canEdit: boolean;
  /** The secret returned when the endpoint was just created, shown once. */
  readonly initialSecret?: string;
  readonly onChanged: (endpoint: WebhookEndpoint) => void;
  readonly onDeleted: (id: string) => void;
}

function EndpointState({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (endpoint.pausedAt !== null)
    return (
      <span>
        <span class="badge danger">paused</span>{' '}
        <span class="muted">
          since {formatDateTime(endpoint.pausedAt)}
          {endpoint.pauseReason === null ? '' : `: ${endpoint.pauseReason}`}. Enable it to resume.
        </span>
      </span>
    );
  return endpoint.active ? (
    <span class="badge ok">enabled</span>
  ) : (
    <span class="badge">disabled</span>
  );
}

/** One endpoint: its state, the actions on it, and its delivery history on request. */
export function WebhookEndpointItem(props: WebhookEndpointItemProps) {
  const { endpoint, canEdit } = props;
  const [secret, setSecret] = useState<string | undefined>(props.initialSecret);
  const [showDeliveries, setShowDeliveries] = useState(false);
  const action = useAction();
  const path = `/v1/webhook-endpoints/${endpoint.id}`;
  const running = endpoint.active && endpoint.pausedAt === null;

  const setActive = (active: boolean) =>
    void action.run(async () =>
      props.onChanged(await apiSend<WebhookEndpoint>('PATCH', path, { active })),
    );
  const fetchSecret = (rotate: boolean) => {
    if (
      rotate &&
      !window.confirm('Rotate the signing secret? The current one stops working at once.')
    )
      return;
    void action.run(async () => {
      const answer = await apiSend<{ secret: string }>(
        'POST',
        `${path}/secret`,
        rotate ? { rotate: true } : {},
      );
      setSecret(answer.secret);
    });
  };
  const remove = () => {
    if (!window.confirm(`Delete the endpoint ${endpoint.url} and its delivery history?`)) return;
    void action.run(async () => {
      await apiSend<undefined>('DELETE', path);
      props.onDeleted(endpoint.id);
    });
  };

  return (
    <article class="card stack" aria-label={`Endpoint ${endpoint.url}`}>
      <div>
        <h3 class="admin-mono admin-break">{endpoint.url}</h3>
        {endpoint.description !== null && <p class="muted">{endpoint.description}</p>}
        <p>
          <EndpointState endpoint={endpoint} />
          {endpoint.consecutiveFailures > 0 && (
            <span class="muted"> · {endpoint.consecutiveFailures} failures in a row</span>
          )}
        </p>
        <p class="muted">Events: {endpoint.events.join(', ')}</p>
      </div>
      <ActionError error={action.error} />
      {secret !== undefined && (
        <SecretPanel
          label={`Signing secret of ${endpoint.url}`}
          secret={secret}
          warning="Use it to check the signature of every delivery. Keep it out of code repositories."
          onDone={() => setSecret(undefined)}
        />
      )}
      <div class="row">
        <button
          type="button"
          class="button"
          aria-expanded={showDeliveries}
          onClick={() => setShowDeliveries(!showDeliveries)}
        >
          {showDeliveries ? 'Hide deliveries' : 'Show deliveries'}
        </button>
        {canEdit && (
          <>
            <button
              type="button"
              class="button"
              disabled={action.busy}
              onClick={() => setActive(!running)}
            >
              {running ? 'Disable' : 'Enable'}
            </button>
            <button
              type="button"
              class="button"
              disabled={action.busy}
              onClick={() => fetchSecret(false)}
            >
              Reveal secret
            </button>
            <button
              type="button"
              class="button"
              disabled={action.busy}
              onClick={() => fetchSecret(true)}
            >
              Rotate secret
            </button>
            <button type="button" class="button danger" disabled={action.busy} onClick={remove}>
              Delete endpoint
            </button>
          </>
        )}
      </div>
      {showDeliveries && <WebhookDeliveriesTable endpointId={endpoint.id} canReplay={canEdit} />}
    </article>
  );
}
