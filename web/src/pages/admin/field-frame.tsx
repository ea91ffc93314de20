import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** What every field has: a visible label, an optional hint and the API's messages for it. */
export interface FieldFrame {
  readonly label: string;
  readonly hint?: ComponentChildren;
  readonly errors?: readonly string[];
  readonly disabled?: boolean;
  readonly required?: boolean;
}

/** Ids that tie hint and error text to the control, so a screen reader reads them with it. */
export function useFieldIds(frame: FieldFrame) {
  const id = useId();
  const hintId = frame.hint === undefined ? undefined : `${id}-hint`;
  const errorId = (frame.errors?.length ?? 0) > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter((part) => part !== undefined).join(' ') || undefined;
  return { id, hintId, errorId, describedBy, invalid: errorId !== undefined };
}

export function FieldNotes({
  frame,
  ids,
}: {
  frame: FieldFrame;
  ids: ReturnType<typeof useFieldIds>;
}) {
  return (
    <>
      {frame.hint !== undefined && (
        <p class="hint" id={ids.hintId}>
          {frame.hint}
        </p>
      )}
      {ids.errorId !== undefined && (
        <p class="field-error" id={ids.errorId} role="alert">
          {frame.errors?.join(' ')}
        </p>
      )}
    </>
  );
}
