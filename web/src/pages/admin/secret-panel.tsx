import { useEffect, useRef } from 'preact/hooks';
import { CopyButton } from './copy-button.js';

/**
 * A secret shown on screen, with a copy button and what to know about it. It takes focus when it
 * appears so a screen reader reads the warning at once; "Done" hides it again.
 */
export function SecretPanel({
  label,
  secret,
  warning,
  onDone,
}: {
  label: string;
  secret: string;
  warning: string;
  onDone: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class="notice admin-secret" role="region" aria-label={label} tabIndex={-1} ref={ref}>
      <p>
        <strong>{label}</strong>
      </p>
      <p class="admin-secret-warning">{warning}</p>
      <div class="admin-copy-row">
        <input
          type="text"
          readOnly
          class="admin-mono"
          value={secret}
          aria-label={label}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={secret} what={label} />
      </div>
      <p>
        <button type="button" class="button small" onClick={onDone}>
          Done, hide it
        </button>
      </p>
    </div>
  );
}
