import type { EmailToneName } from './email-palette.js';

/** One label/value line of a facts table. */
export interface EmailFact {
  readonly label: string;
  readonly value: string;
}

/**
 * A piece of an email's body. Each email is described once as blocks and rendered twice, as HTML
 * and as plain text, so both parts always carry the same facts.
 */
export type EmailBlock =
  | {
      readonly kind: 'callout';
      readonly title: string;
      readonly text: string;
      readonly tone: EmailToneName;
    }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'facts'; readonly title: string; readonly facts: readonly EmailFact[] }
  | { readonly kind: 'list'; readonly title: string; readonly items: readonly string[] }
  /** `url` is null when the given link was not http(s); the renderers then say so. */
  | { readonly kind: 'button'; readonly label: string; readonly url: string | null };

/** A whole email before rendering. */
export interface EmailDocument {
  /** Shown small above the heading: the organisation. */
  readonly eyebrow: string;
  readonly heading: string;
  readonly blocks: readonly EmailBlock[];
  /** Why the reader gets this email. */
  readonly footer: string;
}

/** The URL if it is an absolute http(s) URL, else null: nothing else may become a link. */
export function toSafeHttpUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
}
