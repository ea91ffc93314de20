import { useState } from 'preact/hooks';
import type { CredentialSummary } from '../../api/admin-types.js';
import { apiSend } from '../../api/client.js';
import { useFormSubmit } from '../../hooks/use-form-submit.js';
import type { CredentialProviderInfo } from './credential-providers.js';
import { messagesFor, toFormProblem } from './field-errors.js';
import { TextField } from './form-fields.js';
import { TopProblem } from './top-problem.js';

/**
 * Sets or replaces one provider's credential. The values are write-only: the form starts empty
 * every time and nothing typed here is ever read back from the server.
 */
export function CredentialForm({
  info,
  onSaved,
  onCancel,
}: {
  info: CredentialProviderInfo;
  onSaved: (summary: CredentialSummary) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Readonly<Record<string, string>>>({});
  const form = useFormSubmit({
    describe: toFormProblem,
    send: async () => {
      const body = Object.fromEntries(
        info.inputs
          .map((input) => [input.key, (values[input.key] ?? '').trim()] as const)
          .filter(([, value]) => value !== ''),
      );
      onSaved(await apiSend<CredentialSummary>('PUT', `/v1/credentials/${info.provider}`, body));
    },
  });
  const { problem, busy } = form;

  return (
    <form class="admin-subform" aria-label={`${info.name} credential`} onSubmit={form.onSubmit}>
      {problem !== undefined && (
        <TopProblem problem={problem} shown={info.inputs.map((input) => input.key)} />
      )}
      <div class="admin-form-grid">
        {info.inputs.map((input) => (
          <TextField
            key={input.key}
            label={`${info.name} ${input.label}${input.optional ? ' (optional)' : ''}`}
            type={input.secret ? 'password' : 'text'}
            autoComplete={input.secret ? 'new-password' : 'off'}
            value={values[input.key] ?? ''}
            onValue={(value) => setValues((previous) => ({ ...previous, [input.key]: value }))}
            required={!input.optional}
            errors={messagesFor(problem, input.key)}
            {...(input.hint === undefined ? {} : { hint: input.hint })}
          />
        ))}
      </div>
      <div class="row">
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Saving…' : `Save ${info.name} credential`}
        </button>
        <button type="button" class="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
