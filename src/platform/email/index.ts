/**
 * Outgoing email: the post-call summary and the webhook-paused notice, rendered as legible HTML
 * (inline styles, solid colours, explicit text and background everywhere) plus plain text, and
 * sent through SMTP or written to an outbox folder.
 */
export type { SummaryEmailInput } from './summary-email-input.js';
export type { RenderedEmail } from './render-summary-email.js';
export { renderSummaryEmail } from './render-summary-email.js';
export type { EndpointPausedEmailInput } from './render-endpoint-paused-email.js';
export { renderEndpointPausedEmail } from './render-endpoint-paused-email.js';
export type { EmailSender, EmailSenderOptions, OutgoingEmail, SentEmail } from './email-sender.js';
export { createEmailSender } from './email-sender.js';
export type { SmtpServerSettings } from './smtp-url.js';
export { parseSmtpUrl } from './smtp-url.js';
export type { RgbColor } from './color-contrast.js';
export { contrastRatio, parseHexColor, relativeLuminance } from './color-contrast.js';
