import { newRowKey, type AnalysisFieldDraft } from './agent-draft.js';
import { MAX_ANALYSIS_FIELDS } from './agent-options.js';
import { ANALYSIS_FLAGS } from './agent-settings.js';
import { AnalysisFieldEditor } from './analysis-field-editor.js';
import { EditorSection } from './editor-section.js';
import { TextAreaField, TextField } from './form-fields.js';
import { focusFirstField, removeAt, replaceAt } from './list-edits.js';
import { FlagSettingField } from './setting-fields.js';
import type { DraftEditor } from './use-agent-editor.js';

/** What is worked out from each call after it ends: switches, the goal and custom fields. */
export function AgentAnalysisSection({ editor }: { editor: DraftEditor }) {
  const { draft, disabled } = editor;
  const fields = draft.analysisFields;
  const add = () => {
    const field: AnalysisFieldDraft = {
      key: newRowKey(),
      name: '',
      kind: 'string',
      description: '',
      choices: '',
      raw: {},
    };
    editor.setList('analysisFields', [...fields, field]);
    focusFirstField(`analysis-field-${field.key}`);
  };
  return (
    <EditorSection title="Analysis">
      {ANALYSIS_FLAGS.map((flag) => (
        <FlagSettingField key={flag.path} flag={flag} editor={editor} />
      ))}
      <div class="admin-wide">
        <TextAreaField
          label="Goal"
          rows={2}
          value={draft.texts['analysis.goal']}
          onValue={(value) => editor.setText('analysis.goal', value)}
          disabled={disabled}
          errors={editor.errorsAt('analysis.goal')}
          hint="What counts as a successful call, e.g. “an appointment was booked”. Empty: judged against the instructions."
        />
      </div>
      <TextField
        label="Analysis model"
        value={draft.texts['analysis.model']}
        onValue={(value) => editor.setText('analysis.model', value)}
        disabled={disabled}
        errors={editor.errorsAt('analysis.model')}
        hint="Empty uses the agent's language model."
      />
      <div class="admin-wide">
        <h3>Custom fields</h3>
        {editor.errorsAt('analysis.fields').length > 0 && (
          <p class="field-error" role="alert">
            {editor.errorsAt('analysis.fields').join(' ')}
          </p>
        )}
        {fields.length === 0 && (
          <p class="muted">No custom fields. Add one to pull a value out of every call.</p>
        )}
        {fields.map((field, index) => (
          <AnalysisFieldEditor
            key={field.key}
            field={field}
            index={index}
            editor={editor}
            onChange={(changed) =>
              editor.setList('analysisFields', replaceAt(fields, index, changed))
            }
            onRemove={() => editor.setList('analysisFields', removeAt(fields, index))}
          />
        ))}
        <button
          type="button"
          class="button"
          disabled={disabled || fields.length >= MAX_ANALYSIS_FIELDS}
          onClick={add}
        >
          Add custom field
        </button>
        {fields.length >= MAX_ANALYSIS_FIELDS && (
          <p class="muted">At most {MAX_ANALYSIS_FIELDS} custom fields per agent.</p>
        )}
      </div>
    </EditorSection>
  );
}
