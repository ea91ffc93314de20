import { describeError } from '../api/client.js';

/**
 * An error in words, announced to screen readers; with `onRetry`, a "Try again" button beside it.
 * `message` overrides the description of `error`.
 */
export function ErrorNotice(props: { error?: unknown; message?: string; onRetry?: () => void }) {
  const text = props.message ?? describeError(props.error);
  if (props.onRetry === undefined) {
    return (
      <div class="error-notice" role="alert">
        {text}
      </div>
    );
  }
  return (
    <div class="error-notice row" role="alert">
      <span>{text}</span>
      <button type="button" class="button small" onClick={props.onRetry}>
        Try again
      </button>
    </div>
  );
}
