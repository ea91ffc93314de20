import { useEffect, useState } from 'preact/hooks';

/** Puts text on the clipboard even where the async Clipboard API is missing (plain http). */
async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard !== undefined && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: fall through to the selection trick.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  return copied;
}

interface CopyButtonProps {
  readonly text: string;
  /** What is copied, for the accessible name: "Copy voice URL". */
  readonly what: string;
}

/** A button that copies `text` and says so in a live region for a few seconds. */
export function CopyButton({ text, what }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span class="admin-copy">
      <button
        type="button"
        class="button"
        aria-label={`Copy ${what}`}
        onClick={() => void copyText(text).then((copied) => setState(copied ? 'copied' : 'failed'))}
      >
        Copy
      </button>
      <span class="admin-copy-status" role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed; select the text' : ''}
      </span>
    </span>
  );
}
