import { useId } from 'preact/hooks';

/** What {@link TextField} takes. */
export interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly type?: 'text' | 'email' | 'password' | 'search' | 'tel' | 'date';
  readonly name?: string;
  readonly autoComplete?: string;
  readonly required?: boolean;
  readonly minLength?: number;
  readonly placeholder?: string;
  /** A sentence under the input, read along with the label. */
  readonly hint?: string;
  /** A problem with the value, shown under the input and marked on it. */
  readonly error?: string | null;
}

/** A labelled input in a `.field` wrapper, with its hint and error tied to it for screen readers. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [
    props.hint !== undefined ? hintId : null,
    props.error !== undefined && props.error !== null ? errorId : null,
  ]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        // Preact's typings tell inputs apart by a literal `type`; every type offered here takes
        // the same attributes as a text input.
        {...({ type: props.type ?? 'text' } as { type: 'text' })}
        name={props.name}
        value={props.value}
        onInput={(event) => props.onValue(event.currentTarget.value)}
        autoComplete={props.autoComplete}
        required={props.required}
        minLength={props.minLength}
        placeholder={props.placeholder}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        aria-invalid={props.error !== undefined && props.error !== null ? true : undefined}
      />
      {props.hint !== undefined && (
        <span id={hintId} class="hint">
          {props.hint}
        </span>
      )}
      {props.error !== undefined && props.error !== null && (
        <span id={errorId} class="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}
