import type { Email, EmailSummary, Page } from '../../api/types.js';
import { Badge } from '../../components/badges.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { formatDateTime } from '../../format/date.js';
import { humanize } from '../../format/labels.js';
import type { ApiResource } from '../../hooks/use-api-get.js';
import { useApiGet } from '../../hooks/use-api-get.js';

const statusTones = { pending: 'accent', sent: 'ok', outbox: 'ok', failed: 'danger' } as const;

/** One email: its facts, and its HTML in a sandboxed frame (no scripts, no same-origin access). */
function EmailPreview(props: { summary: EmailSummary }) {
  const { summary } = props;
  const email = useApiGet<Email>(`/v1/emails/${summary.id}`);
  return (
    <article class="email-preview stack" data-testid="call-email">
      <dl class="facts">
        <dt>Subject</dt>
        <dd>{summary.subject}</dd>
        <dt>To</dt>
        <dd>{summary.recipients.join(', ') || '–'}</dd>
        <dt>Status</dt>
        <dd>
          <Badge tone={statusTones[summary.status]}>{humanize(summary.status)}</Badge>
          {summary.sentAt !== null && <span class="muted"> {formatDateTime(summary.sentAt)}</span>}
          {summary.status === 'outbox' && summary.outboxPath !== null && (
            <span class="muted"> written to {summary.outboxPath}</span>
          )}
          {summary.error !== null && <span class="field-error"> {summary.error}</span>}
        </dd>
      </dl>
      {email.error !== undefined ? (
        <ErrorNotice error={email.error} onRetry={email.reload} />
      ) : email.data === undefined ? (
        <Loading label="Loading the email…" />
      ) : (
        <iframe
          class="email-frame"
          title={`Email: ${summary.subject}`}
          sandbox=""
          referrerpolicy="no-referrer"
          srcdoc={email.data.html}
        />
      )}
    </article>
  );
}

/** The emails sent about this call (the call summary email). */
export function EmailSection(props: { emails: ApiResource<Page<EmailSummary>> }) {
  const { emails } = props;
  return (
    <section class="card" aria-labelledby="email-heading">
      <h2 id="email-heading">Email</h2>
      {emails.error !== undefined ? (
        <ErrorNotice error={emails.error} onRetry={emails.reload} />
      ) : emails.data === undefined ? (
        <Loading />
      ) : emails.data.data.length === 0 ? (
        <p class="muted">No email was sent about this call.</p>
      ) : (
        emails.data.data.map((summary) => <EmailPreview key={summary.id} summary={summary} />)
      )}
    </section>
  );
}
