import { describeError } from '../api/client.js';

/**
 * An error in words, announced to screen readers; with `onRetry`, a "Try again" button.
 * `message` overrides the description of `error`.
 */
export function ErrorNotice(props: { error?: unknown; message?: string; onRetry?: () => void }) {
  const text = props.message ?? describeError(props.error);
  return (
    <div class="error-notice row" role="alert">
      <span>{text}</span>
      {props.onRetry !== undefined && (
        <button type="button" class="button small" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
