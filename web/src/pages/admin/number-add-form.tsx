import { useState } from 'preact/hooks';
import type { Carrier, PhoneNumber } from '../../api/admin-types.js';
import { apiSend } from '../../api/client.js';
import type { Agent } from '../../api/types.js';
import { useFormSubmit } from '../../hooks/use-form-submit.js';
import { messagesFor, toFormProblem } from './field-errors.js';
import { FormCard } from './form-card.js';
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
  agents: readonly Agent[];
  onAdded: (number: PhoneNumber) => void;
}) {
  const [number, setNumber] = useState('');
  const [carrier, setCarrier] = useState<Carrier>('twilio');
  const [label, setLabel] = useState('');
  const [agentId, setAgentId] = useState('');
  const form = useFormSubmit({
    describe: toFormProblem,
    send: async () => {
      const created = await apiSend<PhoneNumber>('POST', '/v1/phone-numbers', {
        number,
        carrier,
        ...(label.trim() === '' ? {} : { label: label.trim() }),
        ...(agentId === '' ? {} : { inboundAgentId: agentId }),
      });
      onAdded(created);
      setNumber('');
      setLabel('');
    },
  });

  return (
    <FormCard
      titleId="add-number-title"
      title="Add a number"
      form={form}
      shown={['number', 'label']}
      submitLabel="Add number"
      busyLabel="Adding…"
      incomplete={number.trim() === ''}
    >
      <TextField
        label="Phone number"
        type="tel"
        value={number}
        onValue={setNumber}
        required
        autoComplete="off"
        placeholder="+14155550123"
        errors={messagesFor(form.problem, 'number')}
        hint="With the country code; spaces and dashes are fine."
      />
      <SelectField label="Carrier" value={carrier} options={carrierOptions} onValue={setCarrier} />
      <TextField
        label="Label"
        value={label}
        onValue={setLabel}
        hint="Optional, e.g. Main line."
        errors={messagesFor(form.problem, 'label')}
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
    </FormCard>
  );
}
