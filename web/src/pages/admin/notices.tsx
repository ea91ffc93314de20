import type { ComponentChildren } from 'preact';

/** A section's empty state: what is missing and, when given, what to do about it. */
export function EmptyNotice({ children }: { children: ComponentChildren }) {
  return <div class="card admin-empty">{children}</div>;
}

/**
 * The failure of the last button press (see `useAction`), in words, where the buttons are;
 * nothing while there is none.
 */
export function ActionError({ error }: { error: string | undefined }) {
  if (error === undefined) return null;
  return (
    <p class="error-notice" role="alert">
      {error}
    </p>
  );
}
