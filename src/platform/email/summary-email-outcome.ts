import type { EmailToneName } from './email-palette.js';
import { humanizeKey } from './email-format.js';
import type { SummaryEmailInput } from './summary-email-input.js';

const CANCELLED = new Set(['cancelled', 'canceled']);

/** `oil_change` or `Oil Change` → `oil change`, for use inside a sentence. */
function lowerWords(value: string): string {
  return humanizeKey(value).replace(/^./, (first) => first.toLowerCase());
}

/** The appointments that still stand. */
export function activeAppointments(
  input: SummaryEmailInput,
): SummaryEmailInput['appointments'][number][] {
  return input.appointments.filter(
    (appointment) => !CANCELLED.has(appointment.status.toLowerCase()),
  );
}

/**
 * What came of the call in a few words, for the subject and the heading: a booking first (the
 * thing a business most wants to know), then voicemail, the disposition, the success verdict and
 * finally the bare call status.
 */
export function describeOutcome(input: SummaryEmailInput): { text: string; tone: EmailToneName } {
  const [booked, ...more] = activeAppointments(input);
  if (booked !== undefined) {
    const extra = more.length > 0 ? ` (+${more.length} more)` : '';
    return { text: `Booked ${lowerWords(booked.serviceType)}${extra}`, tone: 'success' };
  }
  const { analysis, call } = input;
  if (analysis.voicemail === true || call.disposition?.toLowerCase() === 'voicemail') {
    return { text: 'Voicemail', tone: 'info' };
  }
  if (call.disposition !== null && call.disposition.trim() !== '') {
    return { text: humanizeKey(call.disposition), tone: 'info' };
  }
  if (analysis.success !== null) {
    return analysis.success.achieved
      ? { text: 'Goal achieved', tone: 'success' }
      : { text: 'Goal not achieved', tone: 'warning' };
  }
  return { text: humanizeKey(call.status), tone: 'info' };
}
