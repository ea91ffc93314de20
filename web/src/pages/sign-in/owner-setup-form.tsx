import { useState } from 'preact/hooks';
import { ApiError, apiSend, describeError } from '../../api/client.js';
import type { Session } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { TextField } from '../../components/text-field.js';

const minimumPasswordLength = 12;

/**
 * First run: creates the owner account with the setup key the server printed or stored
 * (`setupKeyHint` says where), and signs them in.
 */
export function OwnerSetupForm(props: {
  setupKeyHint: string;
  onSignedIn: (session: Session) => void;
  onOwnerExists: () => void;
}) {
  const [setupKey, setSetupKey] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordTooShort = password.length > 0 && password.length < minimumPasswordLength;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (password.length < minimumPasswordLength) {
      setError(`The password needs at least ${minimumPasswordLength} characters.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await apiSend<Session>('POST', '/v1/setup', {
        setupKey: setupKey.trim(),
        name,
        email,
        password,
      });
      props.onSignedIn(session);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
      if (failure instanceof ApiError && failure.code === 'owner_exists') {
        props.onOwnerExists();
      }
    }
  };

  return (
    <form class="stack" onSubmit={(event) => void submit(event)} aria-labelledby="setup-heading">
      <h1 id="setup-heading">Create the owner account</h1>
      <p>
        This Switchboard has no users yet. The first account owns the organisation and can invite
        everyone else.
      </p>
      {error !== null && <ErrorNotice message={error} />}
      <TextField
        label="Setup key"
        name="setupKey"
        autoComplete="off"
        required
        value={setupKey}
        onValue={setSetupKey}
        hint={`Where to find it: ${props.setupKeyHint}`}
      />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        value={name}
        onValue={setName}
      />
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        required
        value={email}
        onValue={setEmail}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="new-password"
        required
        minLength={minimumPasswordLength}
        value={password}
        onValue={setPassword}
        hint={`At least ${minimumPasswordLength} characters.`}
        error={
          passwordTooShort
            ? `${minimumPasswordLength - password.length} more characters needed.`
            : null
        }
      />
      <button type="submit" class="button primary" disabled={busy}>
        Create owner account
      </button>
    </form>
  );
}
