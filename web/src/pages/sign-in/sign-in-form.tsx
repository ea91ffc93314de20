import { useState } from 'preact/hooks';
import { apiSend, describeError } from '../../api/client.js';
import type { Session } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { TextField } from '../../components/text-field.js';
import { useFormSubmit } from '../../hooks/use-form-submit.js';

/** Email and password; calls `onSignedIn` with the new session. `notice` is shown above. */
export function SignInForm(props: { onSignedIn: (session: Session) => void; notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormSubmit({
    describe: describeError,
    send: async () => {
      props.onSignedIn(await apiSend<Session>('POST', '/v1/session', { email, password }));
    },
  });
  const error = form.problem;

  return (
    <form class="stack" onSubmit={form.onSubmit} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      {props.notice !== undefined && error === undefined && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {error !== undefined && <ErrorNotice message={error} />}
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
      <button type="submit" class="button primary" disabled={form.busy}>
        Sign in
      </button>
    </form>
  );
}
