import { FieldNotes, useFieldIds, type FieldFrame } from './field-frame.js';

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
