import { FieldNotes, useFieldIds, type FieldFrame } from './field-frame.js';

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
