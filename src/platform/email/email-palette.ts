/**
 * The only colours the emails use: solid six-digit hex, each text colour paired with the
 * background it sits on. Every pair reaches a WCAG contrast of at least 7:1 (checked in
 * color-contrast.test.ts), so a client that inverts or darkens the message keeps it legible.
 */
export const emailPalette = {
  page: '#eef1f5',
  pageText: '#374151',
  card: '#ffffff',
  text: '#111827',
  mutedText: '#374151',
  border: '#c7ccd4',
  header: '#1e3a8a',
  headerText: '#ffffff',
  button: '#1e3a8a',
  buttonText: '#ffffff',
  link: '#1e3a8a',
} as const;

/** Colours of a highlighted box: the summary, a warning, a success or a failure. */
export interface EmailTone {
  readonly background: string;
  readonly text: string;
  readonly border: string;
}

export type EmailToneName = 'info' | 'warning' | 'success' | 'danger';

export const emailTones: Readonly<Record<EmailToneName, EmailTone>> = {
  info: { background: '#eff6ff', text: '#0f172a', border: '#1e3a8a' },
  warning: { background: '#fef3c7', text: '#713f12', border: '#a16207' },
  success: { background: '#dcfce7', text: '#14532d', border: '#15803d' },
  danger: { background: '#fee2e2', text: '#7f1d1d', border: '#b91c1c' },
};

/** Every (text, background) combination the renderer produces, for the contrast check. */
export const emailColorPairs: readonly { name: string; text: string; background: string }[] = [
  { name: 'page footer', text: emailPalette.pageText, background: emailPalette.page },
  { name: 'body text', text: emailPalette.text, background: emailPalette.card },
  { name: 'muted text', text: emailPalette.mutedText, background: emailPalette.card },
  { name: 'header', text: emailPalette.headerText, background: emailPalette.header },
  { name: 'button', text: emailPalette.buttonText, background: emailPalette.button },
  { name: 'link', text: emailPalette.link, background: emailPalette.card },
  ...Object.entries(emailTones).map(([name, tone]) => ({
    name: `${name} box`,
    text: tone.text,
    background: tone.background,
  })),
];
