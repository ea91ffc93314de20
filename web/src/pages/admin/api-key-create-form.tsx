import { useState } from 'preact/hooks';
import { apiSend } from '../../api/client.js';
import type { ApiKey } from './api-types.js';
import { messagesFor, toFormProblem, type FormProblem } from './field-errors.js';
import { SelectField, TextField } from './form-fields.js';
import { TopProblem } from './top-problem.js';

export type CreatedApiKey = ApiKey & { readonly secret: string };

const roleOptions = [
  { value: 'admin', label: 'Admin: read and change everything' },
  { value: 'viewer', label: 'Viewer: read only' },
] as const satisfies readonly { value: ApiKey['role']; label: string }[];

/** Creates a key; the caller shows the secret from the answer, the only time it exists in clear. */
export function ApiKeyCreateForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKey['role']>('viewer');
  const [problem, setProblem] = useState<FormProblem | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    setProblem(undefined);
    try {
      onCreated(await apiSend<CreatedApiKey>('POST', '/v1/api-keys', { name: name.trim(), role }));
      setName('');
    } catch (error) {
      setProblem(toFormProblem(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form
      class="card"
      aria-labelledby="new-key-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="new-key-title">Create an API key</h2>
      {problem !== undefined && <TopProblem problem={problem} shown={['name', 'role']} />}
      <div class="admin-form-grid">
        <TextField
          label="Key name"
          value={name}
          onValue={setName}
          required
          errors={messagesFor(problem, 'name')}
          hint="What uses the key, e.g. CRM sync."
        />
        <SelectField label="Role" value={role} options={roleOptions} onValue={setRole} />
      </div>
      <p>
        <button type="submit" class="button primary" disabled={saving || name.trim() === ''}>
          {saving ? 'Creating…' : 'Create API key'}
        </button>
      </p>
    </form>
  );
}
