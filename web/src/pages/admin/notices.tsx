import type { ComponentChildren } from 'preact';
import { describeError } from '../../api/client.js';

/** A failure in words, announced as soon as it appears. */
export function ErrorNotice({
  error,
  children,
}: {
  error?: unknown;
  children?: ComponentChildren;
}) {
  return (
    <div class="error-notice" role="alert">
      {children ?? describeError(error)}
    </div>
  );
}

/** Shown while the first answer is on its way; polite, so it does not interrupt. */
export function LoadingNotice({ what }: { what: string }) {
  return (
    <p class="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** A section's empty state: what is missing and, when given, what to do about it. */
export function EmptyNotice({ children }: { children: ComponentChildren }) {
  return <div class="card admin-empty">{children}</div>;
}
