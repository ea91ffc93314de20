import { useState } from 'preact/hooks';
import { apiSend } from '../../api/client.js';
import type { User } from './api-types.js';
import { messagesFor, toFormProblem, type FormProblem } from './field-errors.js';
import { SelectField, TextField } from './form-fields.js';
import { TopProblem } from './top-problem.js';

type InvitedRole = 'admin' | 'viewer';
const roleOptions = [
  { value: 'viewer', label: 'Viewer: sees everything, changes nothing' },
  { value: 'admin', label: 'Admin: can change agents, numbers and settings' },
] as const satisfies readonly { value: InvitedRole; label: string }[];

/**
 * Adds a dashboard user with a first password (the API has no invitation emails): tell them the
 * password over a safe channel.
 */
export function UserInviteForm({ onInvited }: { onInvited: (user: User) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<InvitedRole>('viewer');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<FormProblem | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    setProblem(undefined);
    try {
      const user = await apiSend<User>('POST', '/v1/users', {
        email: email.trim(),
        password,
        role,
        ...(name.trim() === '' ? {} : { name: name.trim() }),
      });
      onInvited(user);
      setEmail('');
      setName('');
      setPassword('');
    } catch (error) {
      setProblem(toFormProblem(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form
      class="card"
      aria-labelledby="invite-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="invite-title">Invite a user</h2>
      {problem !== undefined && (
        <TopProblem problem={problem} shown={['email', 'name', 'role', 'password']} />
      )}
      <div class="admin-form-grid">
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          value={email}
          onValue={setEmail}
          required
          errors={messagesFor(problem, 'email')}
        />
        <TextField
          label="Full name"
          autoComplete="off"
          value={name}
          onValue={setName}
          errors={messagesFor(problem, 'name')}
          hint="Optional."
        />
        <SelectField label="Role" value={role} options={roleOptions} onValue={setRole} />
        <TextField
          label="First password"
          type="password"
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
          required
          errors={messagesFor(problem, 'password')}
          hint="At least 12 characters. Share it with them privately."
        />
      </div>
      <p>
        <button type="submit" class="button primary" disabled={saving}>
          {saving ? 'Inviting…' : 'Invite user'}
        </button>
      </p>
    </form>
  );
}
