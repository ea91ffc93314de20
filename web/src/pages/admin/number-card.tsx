import { useState } from 'preact/hooks';
import type { PhoneNumber } from '../../api/admin-types.js';
import { apiSend, describeError } from '../../api/client.js';
import type { Agent } from '../../api/types.js';
import { CarrierInstructions } from './carrier-instructions.js';
import { SelectField } from './form-fields.js';
import { WebhookStatusBadge } from './webhook-status-badge.js';
import { WebhookUrlField } from './webhook-url-field.js';

const CARRIER_NAMES = { twilio: 'Twilio', signalwire: 'SignalWire' } as const;
const NO_AGENT = '';

interface NumberCardProps {
  readonly number: PhoneNumber;
  readonly agents: readonly Agent[];
  readonly canEdit: boolean;
  readonly onChanged: (number: PhoneNumber) => void;
  readonly onRemoved: (id: string) => void;
}

/** One number: who answers it, the webhook URLs for its carrier and its last webhook. */
export function NumberCard({ number, agents, canEdit, onChanged, onRemoved }: NumberCardProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const agentOptions = [
    { value: NO_AGENT, label: 'No agent (calls are not answered)' },
    ...agents.map((agent) => ({ value: agent.id, label: agent.name })),
  ];

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  const assign = (agentId: string) =>
    run(async () => {
      const body = { inboundAgentId: agentId === NO_AGENT ? null : agentId };
      onChanged(await apiSend<PhoneNumber>('PATCH', `/v1/phone-numbers/${number.id}`, body));
    });
  const remove = () => {
    if (!window.confirm(`Remove ${number.number}? Calls to it will no longer be answered.`)) return;
    void run(async () => {
      await apiSend<undefined>('DELETE', `/v1/phone-numbers/${number.id}`);
      onRemoved(number.id);
    });
  };

  return (
    <article class="card admin-number" aria-labelledby={`number-${number.id}`}>
      <header class="admin-number-header">
        <h2 id={`number-${number.id}`}>{number.number}</h2>
        <span class="badge">{CARRIER_NAMES[number.carrier]}</span>
        {number.label !== null && <span class="muted">{number.label}</span>}
        {!number.active && <span class="badge warn">inactive</span>}
      </header>
      <div class="admin-form-grid">
        <SelectField
          label={`Agent answering ${number.number}`}
          value={number.inboundAgentId ?? NO_AGENT}
          options={agentOptions}
          onValue={(value) => void assign(value)}
          disabled={!canEdit || busy}
        />
        <div class="field">
          <span class="label">Last webhook</span>
          <div>
            <WebhookStatusBadge number={number} />
          </div>
        </div>
        <WebhookUrlField label="Voice URL" url={number.webhooks.voiceUrl} owner={number.number} />
        <WebhookUrlField
          label="Status callback URL"
          url={number.webhooks.statusCallbackUrl}
          owner={number.number}
        />
      </div>
      {error !== undefined && (
        <p class="error-notice" role="alert">
          {error}
        </p>
      )}
      <details>
        <summary>Where to paste these in {CARRIER_NAMES[number.carrier]}</summary>
        <p class="muted">Both URLs use HTTP POST.</p>
        <CarrierInstructions carrier={number.carrier} />
      </details>
      {canEdit && (
        <p>
          <button type="button" class="button danger small" disabled={busy} onClick={remove}>
            Remove {number.number}
          </button>
        </p>
      )}
    </article>
  );
}
