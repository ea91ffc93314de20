import { useState } from 'preact/hooks';
import type { ApiKey } from '../../api/admin-types.js';
import { apiSend } from '../../api/client.js';
import { useFormSubmit } from '../../hooks/use-form-submit.js';
import { messagesFor, toFormProblem } from './field-errors.js';
import { FormCard } from './form-card.js';
import { SelectField, TextField } from './form-fields.js';

/** The answer to a create: the key and, this once, its secret. */
export type CreatedApiKey = ApiKey & { readonly secret: string };

const roleOptions = [
  { value: 'admin', label: 'Admin: read and change everything' },
  { value: 'viewer', label: 'Viewer: read only' },
] as const satisfies readonly { value: ApiKey['role']; label: string }[];

/** Creates a key; the caller shows the secret from the answer, the only time it exists in clear. */
export function ApiKeyCreateForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKey['role']>('viewer');
  const form = useFormSubmit({
    describe: toFormProblem,
    send: async () => {
      onCreated(await apiSend<CreatedApiKey>('POST', '/v1/api-keys', { name: name.trim(), role }));
      setName('');
    },
  });
  return (
    <FormCard
      titleId="new-key-title"
      title="Create an API key"
      form={form}
      shown={['name', 'role']}
      submitLabel="Create API key"
      busyLabel="Creating…"
      incomplete={name.trim() === ''}
    >
      <TextField
        label="Key name"
        value={name}
        onValue={setName}
        required
        errors={messagesFor(form.problem, 'name')}
        hint="What uses the key, e.g. CRM sync."
      />
      <SelectField label="Role" value={role} options={roleOptions} onValue={setRole} />
    </FormCard>
  );
}
