import { useId } from 'preact/hooks';
import { CopyButton } from './copy-button.js';

/**
 * A URL to paste into a carrier console. Shown as wrapping text (an input would cut it off on a
 * phone), selectable in one click, with a copy button.
 */
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
      <span class="label" id={id}>
        {label}
      </span>
      <div class="admin-copy-row">
        <code class="admin-url" aria-labelledby={id}>
          {url}
        </code>
        <CopyButton text={url} what={`${label} of ${owner}`} />
      </div>
    </div>
  );
}
