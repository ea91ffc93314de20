import { ANALYSIS_FIELD_KINDS, type AnalysisFieldKind } from './agent-options.js';
import type { AnalysisFieldDraft } from './agent-draft.js';
import { SelectField, TextAreaField, TextField } from './form-fields.js';
import type { DraftEditor } from './use-agent-editor.js';

interface AnalysisFieldEditorProps {
  readonly field: AnalysisFieldDraft;
  readonly index: number;
  readonly editor: DraftEditor;
  readonly onChange: (field: AnalysisFieldDraft) => void;
  readonly onRemove: () => void;
}

const NESTED_LABELS = { array: 'List (nested schema)', object: 'Object (nested schema)' } as const;

/** One custom value to extract from each call: identifier, type and what to look for. */
export function AnalysisFieldEditor({
  field,
  index,
  editor,
  onChange,
  onRemove,
}: AnalysisFieldEditorProps) {
  const { disabled } = editor;
  // Errors are keyed by the field's name as saved; a renamed field shows them on the next save.
  const at = (part: string) =>
    editor.errorsAt(
      part === '' ? `analysis.fields.${field.name}` : `analysis.fields.${field.name}.${part}`,
    );
  const set = (patch: Partial<AnalysisFieldDraft>) => onChange({ ...field, ...patch });
  const nested = field.kind === 'array' || field.kind === 'object';
  const kindOptions: { value: AnalysisFieldKind; label: string }[] = [
    ...ANALYSIS_FIELD_KINDS,
    ...(field.raw.type === 'array'
      ? [{ value: 'array' as const, label: NESTED_LABELS.array }]
      : []),
    ...(field.raw.type === 'object'
      ? [{ value: 'object' as const, label: NESTED_LABELS.object }]
      : []),
  ];
  const title = field.name.trim() === '' ? `Field ${index + 1}` : field.name;
  return (
    <fieldset class="admin-fieldset admin-wide" id={`analysis-field-${field.key}`}>
      <legend>{title}</legend>
      {at('').length > 0 && (
        <p class="field-error" role="alert">
          {at('').join(' ')}
        </p>
      )}
      <div class="admin-form-grid">
        <TextField
          label="Field identifier"
          value={field.name}
          onValue={(name) => set({ name })}
          required
          disabled={disabled}
          hint="Lowercase letters, digits and _, starting with a letter, e.g. service_requested."
        />
        <SelectField<AnalysisFieldKind>
          label="Type"
          value={field.kind}
          options={kindOptions}
          onValue={(kind) => set({ kind })}
          disabled={disabled}
          errors={at('type')}
        />
        <div class="admin-wide">
          <TextField
            label="What to extract"
            value={field.description}
            onValue={(description) => set({ description })}
            disabled={disabled}
            errors={at('description')}
            hint="Tells the model what to look for; the clearer, the better the result."
          />
        </div>
        {field.kind === 'enum' && (
          <div class="admin-wide">
            <TextAreaField
              label="Choices, one a line"
              rows={3}
              value={field.choices}
              onValue={(choices) => set({ choices })}
              disabled={disabled}
              errors={at('enum')}
            />
          </div>
        )}
        {nested && (
          <p class="muted admin-wide">
            This field has a nested schema, which the form keeps as it is; change it through the
            API.
          </p>
        )}
      </div>
      <button type="button" class="button danger small" disabled={disabled} onClick={onRemove}>
        Remove {title}
      </button>
    </fieldset>
  );
}
