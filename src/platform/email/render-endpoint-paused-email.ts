import type { EmailBlock } from './email-document.js';
import { toSafeHttpUrl } from './email-document.js';
import { toOneLine, truncate } from './email-format.js';
import { renderEmailHtml } from './render-email-html.js';
import { renderEmailText } from './render-email-text.js';
import type { RenderedEmail } from './render-summary-email.js';

/** What {@link renderEndpointPausedEmail} needs. */
export interface EndpointPausedEmailInput {
  readonly organizationName: string;
  /** Shown as text, never as a link: it is whatever the organisation typed. */
  readonly endpointUrl: string;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  /** Absolute link to the webhook settings page; only http(s) is linked. */
  readonly settingsUrl: string;
}

/**
 * Tells an organisation's owner that Switchboard paused one of their webhook endpoints after
 * repeated failed deliveries, what the last error was, and where to resume it.
 */
export function renderEndpointPausedEmail(input: EndpointPausedEmailInput): RenderedEmail {
  const failures = `${input.consecutiveFailures} consecutive failed ${input.consecutiveFailures === 1 ? 'delivery' : 'deliveries'}`;
  const subject = `Webhook endpoint paused after ${failures}`;
  const blocks: EmailBlock[] = [
    {
      kind: 'callout',
      title: 'Webhook endpoint paused',
      text: `Switchboard stopped sending events to ${input.endpointUrl} after ${failures}. Events are not delivered to it while it is paused.`,
      tone: 'danger',
    },
    {
      kind: 'facts',
      title: 'Endpoint',
      facts: [
        { label: 'Address', value: input.endpointUrl },
        { label: 'Consecutive failures', value: String(input.consecutiveFailures) },
        {
          label: 'Last error',
          value:
            input.lastError === null ? 'None recorded' : truncate(toOneLine(input.lastError), 500),
        },
      ],
    },
    {
      kind: 'paragraph',
      text: 'Check that the endpoint is reachable and answers with a 2xx status, then resume it in the webhook settings.',
    },
    { kind: 'button', label: 'Open webhook settings', url: toSafeHttpUrl(input.settingsUrl) },
  ];
  const document = {
    eyebrow: input.organizationName,
    heading: 'A webhook endpoint was paused',
    blocks,
    footer: `Sent by Switchboard to the owner of ${input.organizationName}.`,
  };
  return { subject, html: renderEmailHtml(document, subject), text: renderEmailText(document) };
}
