import { useState } from 'preact/hooks';
import { apiSend, describeError } from '../../api/client.js';
import type { Session } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { TextField } from '../../components/text-field.js';

/** Email and password; calls `onSignedIn` with the new session. `notice` is shown above. */
export function SignInForm(props: { onSignedIn: (session: Session) => void; notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await apiSend<Session>('POST', '/v1/session', { email, password });
      props.onSignedIn(session);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <form class="stack" onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      {props.notice !== undefined && error === null && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {error !== null && <ErrorNotice message={error} />}
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
        autoComplete="current-password"
        required
        value={password}
        onValue={setPassword}
      />
      <button type="submit" class="button primary" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}
