import { useId } from 'preact/hooks';
import { CopyButton } from './copy-button.js';

/** A URL to paste into a carrier console: read-only, selectable, with a copy button. */
export function WebhookUrlField({
  label,
  url,
  owner,
}: {
  label: string;
  url: string;
  /** What the URL belongs to, so each copy button has its own name: "Copy Voice URL of +1…". */
  owner: string;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="admin-copy-row">
        <input
          id={id}
          type="text"
          readOnly
          value={url}
          class="admin-mono"
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={url} what={`${label} of ${owner}`} />
      </div>
    </div>
  );
}
