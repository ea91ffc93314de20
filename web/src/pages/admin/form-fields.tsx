import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** What every field has: a visible label, an optional hint and the API's messages for it. */
interface FieldFrame {
  readonly label: string;
  readonly hint?: ComponentChildren;
  readonly errors?: readonly string[];
  readonly disabled?: boolean;
  readonly required?: boolean;
}

/** Ids that tie hint and error text to the control, so a screen reader reads them with it. */
function useFieldIds(frame: FieldFrame) {
  const id = useId();
  const hintId = frame.hint === undefined ? undefined : `${id}-hint`;
  const errorId = (frame.errors?.length ?? 0) > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter((part) => part !== undefined).join(' ') || undefined;
  return { id, hintId, errorId, describedBy, invalid: errorId !== undefined };
}

function FieldNotes({ frame, ids }: { frame: FieldFrame; ids: ReturnType<typeof useFieldIds> }) {
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

type TextKind = 'text' | 'email' | 'url' | 'password' | 'tel';

/** A one-line text input with its label. */
export function TextField(
  props: FieldFrame & {
    readonly value: string;
    readonly onValue: (value: string) => void;
    readonly type?: TextKind;
    readonly placeholder?: string;
    readonly autoComplete?: string;
    readonly inputMode?: 'text' | 'tel' | 'email' | 'url' | 'numeric';
    /** Id of a <datalist> of suggestions. */
    readonly list?: string;
  },
) {
  const ids = useFieldIds(props);
  const shared = {
    id: ids.id,
    value: props.value,
    placeholder: props.placeholder,
    autocomplete: props.autoComplete,
    required: props.required,
    disabled: props.disabled,
    'aria-invalid': ids.invalid || undefined,
    'aria-describedby': ids.describedBy,
    onInput: (event: { currentTarget: HTMLInputElement }) =>
      props.onValue(event.currentTarget.value),
  };
  return (
    <div class="field">
      <label for={ids.id}>{props.label}</label>
      {props.type === 'password' ? (
        <input type="password" {...shared} />
      ) : (
        // Passing `list` (even undefined) picks the typings' branch for every text-like type.
        <input
          type={props.type ?? 'text'}
          list={props.list}
          inputMode={props.inputMode}
          {...shared}
        />
      )}
      <FieldNotes frame={props} ids={ids} />
    </div>
  );
}

/** A multi-line text input with its label. */
export function TextAreaField(
  props: FieldFrame & {
    readonly value: string;
    readonly onValue: (value: string) => void;
    readonly rows?: number;
  },
) {
  const ids = useFieldIds(props);
  return (
    <div class="field">
      <label for={ids.id}>{props.label}</label>
      <textarea
        id={ids.id}
        rows={props.rows ?? 4}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
      <FieldNotes frame={props} ids={ids} />
    </div>
  );
}

/** A number input; an empty box is `undefined`, which the forms send as "use the default". */
export function NumberField(
  props: FieldFrame & {
    readonly value: number | undefined;
    readonly onValue: (value: number | undefined) => void;
    readonly min?: number;
    readonly max?: number;
    readonly step?: number | 'any';
    /** Also show a slider; only for settings with both ends bounded. */
    readonly slider?: boolean;
    readonly unit?: string;
  },
) {
  const ids = useFieldIds(props);
  const read = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const common = {
    min: props.min,
    max: props.max,
    step: props.step,
    disabled: props.disabled,
  };
  return (
    <div class="field">
      <label for={ids.id}>{props.label}</label>
      <div class="admin-number-row">
        {props.slider === true && (
          <input
            type="range"
            {...common}
            value={props.value ?? props.min}
            aria-hidden="true"
            tabIndex={-1}
            onInput={(event) => props.onValue(read(event.currentTarget.value))}
          />
        )}
        <input
          id={ids.id}
          type="number"
          {...common}
          value={props.value ?? ''}
          required={props.required}
          aria-invalid={ids.invalid || undefined}
          aria-describedby={ids.describedBy}
          onInput={(event) => props.onValue(read(event.currentTarget.value))}
        />
        {props.unit !== undefined && <span class="muted">{props.unit}</span>}
      </div>
      <FieldNotes frame={props} ids={ids} />
    </div>
  );
}

/** One choice from a fixed list. */
export function SelectField<T extends string>(
  props: FieldFrame & {
    readonly value: T;
    readonly options: readonly { readonly value: T; readonly label: string }[];
    readonly onValue: (value: T) => void;
  },
) {
  const ids = useFieldIds(props);
  return (
    <div class="field">
      <label for={ids.id}>{props.label}</label>
      <select
        id={ids.id}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
        onChange={(event) => {
          const chosen = props.options.find((option) => option.value === event.currentTarget.value);
          if (chosen !== undefined) props.onValue(chosen.value);
        }}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldNotes frame={props} ids={ids} />
    </div>
  );
}

/** A yes/no setting; the label sits after the box, as people expect of checkboxes. */
export function CheckboxField(
  props: Omit<FieldFrame, 'required'> & {
    readonly checked: boolean;
    readonly onValue: (checked: boolean) => void;
  },
) {
  const ids = useFieldIds(props);
  return (
    <div class="field inline admin-checkbox">
      <input
        id={ids.id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={ids.describedBy}
        onChange={(event) => props.onValue(event.currentTarget.checked)}
      />
      <label for={ids.id}>{props.label}</label>
      <FieldNotes frame={props} ids={ids} />
    </div>
  );
}
