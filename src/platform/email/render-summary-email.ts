import type { EmailBlock, EmailDocument, EmailFact } from './email-document.js';
import { toSafeHttpUrl } from './email-document.js';
import {
  formatDateTime,
  formatDuration,
  formatFieldValue,
  formatPhoneNumber,
  humanizeKey,
  toOneLine,
  truncate,
} from './email-format.js';
import { renderEmailHtml } from './render-email-html.js';
import { renderEmailText } from './render-email-text.js';
import { activeAppointments, describeOutcome } from './summary-email-outcome.js';
import type { SummaryEmailInput } from './summary-email-input.js';

/** A rendered email, ready for {@link EmailSender.send}. */
export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

function callFacts(input: SummaryEmailInput): EmailFact[] {
  const { call, analysis, timeZone } = input;
  const inbound = call.direction === 'inbound';
  const facts: EmailFact[] = [
    {
      label: inbound ? 'Caller' : 'Number called',
      value: formatPhoneNumber(inbound ? call.from : call.to),
    },
    {
      label: inbound ? 'Number called' : 'Called from',
      value: formatPhoneNumber(inbound ? call.to : call.from),
    },
    { label: 'Agent', value: call.agentName ?? 'No agent' },
    { label: 'Time', value: formatDateTime(call.startedAt, timeZone) },
    { label: 'Duration', value: formatDuration(call.durationMs) ?? 'Unknown' },
    { label: 'Outcome', value: describeOutcome(input).text },
  ];
  if (analysis.success !== null) {
    const verdict = analysis.success.achieved ? 'Achieved' : 'Not achieved';
    const reason = analysis.success.reason.trim();
    facts.push({ label: 'Goal', value: reason === '' ? verdict : `${verdict} — ${reason}` });
  }
  if (analysis.sentiment !== null) {
    facts.push({ label: 'Caller sentiment', value: humanizeKey(analysis.sentiment) });
  }
  facts.push({ label: 'Call status', value: humanizeKey(call.status) });
  if (call.endReason !== null) facts.push({ label: 'Ended', value: humanizeKey(call.endReason) });
  facts.push({ label: 'Conversation turns', value: String(analysis.turns) });
  if (analysis.toolsUsed.length > 0) {
    facts.push({ label: 'Tools used', value: analysis.toolsUsed.join(', ') });
  }
  return facts;
}

function summaryBlock(input: SummaryEmailInput): EmailBlock {
  const { analysis } = input;
  const summary = analysis.summary?.trim() ?? '';
  if (summary !== '') return { kind: 'callout', title: 'Summary', text: summary, tone: 'info' };
  const reason = analysis.unavailableReason?.trim();
  const missing = analysis.unavailable.map(humanizeKey).join(', ');
  const lines = [
    reason
      ? `No summary is available for this call. Reason: ${reason}`
      : 'No summary is available for this call, and no reason was recorded.',
  ];
  if (missing !== '') lines.push(`Not available: ${missing}.`);
  return { kind: 'callout', title: 'Summary unavailable', text: lines.join('\n'), tone: 'warning' };
}

function summaryDocument(input: SummaryEmailInput): EmailDocument {
  const { call, analysis, timeZone } = input;
  const blocks: EmailBlock[] = [summaryBlock(input)];
  if (analysis.source === 'derived') {
    blocks.push({
      kind: 'paragraph',
      text: 'This analysis was derived from the call record; the AI analysis did not run.',
    });
  }
  blocks.push({ kind: 'facts', title: 'Call details', facts: callFacts(input) });
  const fields = Object.entries(analysis.fields ?? {});
  if (fields.length > 0) {
    blocks.push({
      kind: 'facts',
      title: 'Extracted details',
      facts: fields.map(([key, value]) => ({
        label: humanizeKey(key),
        value: formatFieldValue(value),
      })),
    });
  }
  if (input.appointments.length > 0) {
    blocks.push({
      kind: 'list',
      title: activeAppointments(input).length > 0 ? 'Booked appointments' : 'Appointments',
      items: input.appointments.map(
        (appointment) =>
          `${humanizeKey(appointment.serviceType)}: ${formatDateTime(appointment.startsAt, timeZone)} (${humanizeKey(appointment.status).toLowerCase()})`,
      ),
    });
  }
  blocks.push({ kind: 'button', label: 'Open the call', url: toSafeHttpUrl(input.dashboardUrl) });
  const inbound = call.direction === 'inbound';
  return {
    eyebrow: input.organizationName,
    heading: `${inbound ? 'Call from' : 'Call to'} ${formatPhoneNumber(inbound ? call.from : call.to)}`,
    blocks,
    footer: `Sent by Switchboard to the call summary recipients of ${input.organizationName}.`,
  };
}

/** `Call from +1 415 555 0123 · Booked oil change · 2m 14s`: outcome first, one short line. */
function summarySubject(input: SummaryEmailInput): string {
  const { call } = input;
  const inbound = call.direction === 'inbound';
  const parts = [
    `${inbound ? 'Call from' : 'Call to'} ${truncate(toOneLine(formatPhoneNumber(inbound ? call.from : call.to)), 40)}`,
    truncate(toOneLine(describeOutcome(input).text), 60),
    formatDuration(call.durationMs),
  ];
  return parts.filter((part) => part !== undefined && part !== '').join(' · ');
}

/**
 * The email sent to an organisation's recipients once a call has been analysed: the summary up
 * front, then who called, when, for how long and with what outcome, the extracted fields, the
 * booked appointments and a button to the call page. Pure; every interpolated string is escaped
 * in the HTML, and only an http(s) `dashboardUrl` becomes a link.
 *
 * @example
 * const email = renderSummaryEmail(input);
 * await sender.send({ id: randomUUID(), orgId, to: recipients, ...email });
 */
export function renderSummaryEmail(input: SummaryEmailInput): RenderedEmail {
  const subject = summarySubject(input);
  const document = summaryDocument(input);
  return { subject, html: renderEmailHtml(document, subject), text: renderEmailText(document) };
}
