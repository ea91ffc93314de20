import { useState } from 'preact/hooks';
import type { User } from '../../api/admin-types.js';
import { apiSend } from '../../api/client.js';
import { useFormSubmit } from '../../hooks/use-form-submit.js';
import { messagesFor, toFormProblem } from './field-errors.js';
import { FormCard } from './form-card.js';
import { SelectField, TextField } from './form-fields.js';

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
  const form = useFormSubmit({
    describe: toFormProblem,
    send: async () => {
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
    },
  });
  return (
    <FormCard
      titleId="invite-title"
      title="Invite a user"
      form={form}
      shown={['email', 'name', 'role', 'password']}
      submitLabel="Invite user"
      busyLabel="Inviting…"
    >
      <TextField
        label="Email"
        type="email"
        autoComplete="off"
        value={email}
        onValue={setEmail}
        required
        errors={messagesFor(form.problem, 'email')}
      />
      <TextField
        label="Full name"
        autoComplete="off"
        value={name}
        onValue={setName}
        errors={messagesFor(form.problem, 'name')}
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
        errors={messagesFor(form.problem, 'password')}
        hint="At least 12 characters. Share it with them privately."
      />
    </FormCard>
  );
}
