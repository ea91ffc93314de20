import { useState } from 'preact/hooks';
import { apiSend } from '../../api/client.js';
import type { Carrier, PhoneNumber, StoredAgent } from './api-types.js';
import { messagesFor, toFormProblem, type FormProblem } from './field-errors.js';
import { TopProblem } from './top-problem.js';
import { SelectField, TextField } from './form-fields.js';

const carrierOptions = [
  { value: 'twilio', label: 'Twilio' },
  { value: 'signalwire', label: 'SignalWire' },
] as const satisfies readonly { value: Carrier; label: string }[];

/** Registers a number the organisation already owns at its carrier, and who answers it. */
export function NumberAddForm({
  agents,
  onAdded,
}: {
  agents: readonly StoredAgent[];
  onAdded: (number: PhoneNumber) => void;
}) {
  const [number, setNumber] = useState('');
  const [carrier, setCarrier] = useState<Carrier>('twilio');
  const [label, setLabel] = useState('');
  const [agentId, setAgentId] = useState('');
  const [problem, setProblem] = useState<FormProblem | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    setProblem(undefined);
    try {
      const created = await apiSend<PhoneNumber>('POST', '/v1/phone-numbers', {
        number,
        carrier,
        ...(label.trim() === '' ? {} : { label: label.trim() }),
        ...(agentId === '' ? {} : { inboundAgentId: agentId }),
      });
      onAdded(created);
      setNumber('');
      setLabel('');
    } catch (error) {
      setProblem(toFormProblem(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      class="card"
      aria-labelledby="add-number-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="add-number-title">Add a number</h2>
      {problem !== undefined && <TopProblem problem={problem} shown={['number', 'label']} />}
      <div class="admin-form-grid">
        <TextField
          label="Phone number"
          type="tel"
          value={number}
          onValue={setNumber}
          required
          autoComplete="off"
          placeholder="+14155550123"
          errors={messagesFor(problem, 'number')}
          hint="With the country code; spaces and dashes are fine."
        />
        <SelectField
          label="Carrier"
          value={carrier}
          options={carrierOptions}
          onValue={setCarrier}
        />
        <TextField
          label="Label"
          value={label}
          onValue={setLabel}
          hint="Optional, e.g. Main line."
          errors={messagesFor(problem, 'label')}
        />
        <SelectField
          label="Agent"
          value={agentId}
          options={[
            { value: '', label: 'None for now' },
            ...agents.map((agent) => ({ value: agent.id, label: agent.name })),
          ]}
          onValue={setAgentId}
        />
      </div>
      <p>
        <button type="submit" class="button primary" disabled={saving || number.trim() === ''}>
          {saving ? 'Adding…' : 'Add number'}
        </button>
      </p>
    </form>
  );
}
