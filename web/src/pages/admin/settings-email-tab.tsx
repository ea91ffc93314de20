import { useEffect, useState } from 'preact/hooks';
import type { Organization } from '../../api/admin-types.js';
import { apiGet, apiSend } from '../../api/client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useFormSubmit } from '../../hooks/use-form-submit.js';
import { messagesFor, toFormProblem, type FormProblem } from './field-errors.js';
import { CheckboxField, TextAreaField } from './form-fields.js';
import { NumberField } from './number-field.js';
import { TopProblem } from './top-problem.js';
import { useCanEdit } from './use-can-edit.js';
import { useResource } from './use-resource.js';

/** Errors of list items (`summaryEmail.recipients.2`) belong beside the list. */
function recipientErrors(problem: FormProblem | undefined): string[] {
  return (problem?.fields ?? [])
    .filter((field) => field.path.startsWith('summaryEmail.recipients'))
    .map((field) => field.message);
}

/** Who gets a summary email after each analysed call, and which calls are worth one. */
export function SettingsEmailTab() {
  const canEdit = useCanEdit();
  const resource = useResource(() => apiGet<Organization>('/v1/organization'), []);
  const [recipients, setRecipients] = useState('');
  const [minDuration, setMinDuration] = useState<number | undefined>(15);
  const [includeSilent, setIncludeSilent] = useState(false);
  const [saved, setSaved] = useState(false);

  const settings = resource.data?.summaryEmail;
  useEffect(() => {
    if (settings === undefined) return;
    setRecipients(settings.recipients.join('\n'));
    setMinDuration(settings.minDurationSeconds);
    setIncludeSilent(settings.includeCallsWithoutCallerSpeech);
  }, [settings]);

  const form = useFormSubmit({
    describe: toFormProblem,
    send: async () => {
      setSaved(false);
      const list = recipients
        .split(/[\s,;]+/)
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
      const organization = await apiSend<Organization>('PATCH', '/v1/organization', {
        summaryEmail: {
          recipients: list,
          ...(minDuration === undefined ? {} : { minDurationSeconds: minDuration }),
          includeCallsWithoutCallerSpeech: includeSilent,
        },
      });
      resource.setData(organization);
      setSaved(true);
    },
  });
  const { problem } = form;

  if (resource.error !== undefined) return <ErrorNotice error={resource.error} />;
  if (settings === undefined) return <Loading label="Loading email settings…" />;
  const disabled = !canEdit || form.busy;
  return (
    <form class="card stack" aria-labelledby="email-title" onSubmit={form.onSubmit}>
      <h2 id="email-title">Call summary emails</h2>
      {problem !== undefined && (
        <TopProblem
          problem={problem}
          shown={problem.fields
            .map((field) => field.path)
            .filter((path) => path.startsWith('summaryEmail.'))}
        />
      )}
      <TextAreaField
        label="Recipients"
        rows={4}
        value={recipients}
        onValue={setRecipients}
        disabled={disabled}
        errors={recipientErrors(problem)}
        hint="One email address a line, at most 20. Empty sends no summaries."
      />
      <NumberField
        label="Minimum call length"
        unit="seconds"
        value={minDuration}
        onValue={setMinDuration}
        min={0}
        max={3600}
        step={1}
        disabled={disabled}
        errors={messagesFor(problem, 'summaryEmail.minDurationSeconds')}
        hint="Shorter calls get no email. Default 15; 0 to 3600."
      />
      <CheckboxField
        label="Include calls in which the caller never spoke"
        checked={includeSilent}
        onValue={setIncludeSilent}
        disabled={disabled}
        hint="Hang-ups and silent calls; off by default."
      />
      {canEdit && (
        <div class="row">
          <button type="submit" class="button primary" disabled={disabled}>
            Save email settings
          </button>
          <span role="status" class="muted">
            {form.busy ? 'Saving…' : saved ? 'Saved.' : ''}
          </span>
        </div>
      )}
    </form>
  );
}
