import { useState } from 'preact/hooks';
import { ApiError, apiSend, describeError } from '../../api/client.js';
import type { Session } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { TextField } from '../../components/text-field.js';
import { useFormSubmit } from '../../hooks/use-form-submit.js';

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
  const passwordTooShort = password.length > 0 && password.length < minimumPasswordLength;
  const form = useFormSubmit({
    describe: describeError,
    check: () =>
      password.length < minimumPasswordLength
        ? `The password needs at least ${minimumPasswordLength} characters.`
        : undefined,
    send: async () => {
      let session: Session;
      try {
        session = await apiSend<Session>('POST', '/v1/setup', {
          setupKey: setupKey.trim(),
          name,
          email,
          password,
        });
      } catch (failure) {
        // Someone finished the setup in the meantime: the page offers sign-in instead.
        if (failure instanceof ApiError && failure.code === 'owner_exists') props.onOwnerExists();
        throw failure;
      }
      props.onSignedIn(session);
    },
  });
  const error = form.problem;

  return (
    <form class="stack" onSubmit={form.onSubmit} aria-labelledby="setup-heading">
      <h1 id="setup-heading">Create the owner account</h1>
      <p>
        This Switchboard has no users yet. The first account owns the organisation and can invite
        everyone else.
      </p>
      {error !== undefined && <ErrorNotice message={error} />}
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
      <button type="submit" class="button primary" disabled={form.busy}>
        Create owner account
      </button>
    </form>
  );
}
