import { EditorSection } from './editor-section.js';
import { TextAreaField, TextField } from './form-fields.js';
import type { DraftEditor } from './use-agent-editor.js';

/** Name, instructions, first message and language. */
export function AgentBasicsSection({ editor }: { editor: DraftEditor }) {
  const { draft, disabled } = editor;
  return (
    <EditorSection title="Basics">
      <TextField
        label="Name"
        value={draft.texts.name}
        onValue={(value) => editor.setText('name', value)}
        required
        disabled={disabled}
        errors={editor.errorsAt('name')}
        hint="Lowercase letters, digits and single dashes, e.g. service-desk. Unique in your organisation."
      />
      <TextField
        label="Language"
        value={draft.texts.language}
        onValue={(value) => editor.setText('language', value)}
        disabled={disabled}
        errors={editor.errorsAt('language')}
        hint="A language code such as en, en-US or es. Empty means en."
      />
      <div class="admin-wide">
        <TextAreaField
          label="Instructions"
          rows={10}
          value={draft.texts.instructions}
          onValue={(value) => editor.setText('instructions', value)}
          required
          disabled={disabled}
          errors={editor.errorsAt('instructions')}
          hint="What the agent is, what it should do and how it should sound. {{variable}} placeholders are filled per call."
        />
      </div>
      <div class="admin-wide">
        <TextAreaField
          label="First message"
          rows={2}
          value={draft.texts.firstMessage}
          onValue={(value) => editor.setText('firstMessage', value)}
          disabled={disabled}
          errors={editor.errorsAt('firstMessage')}
          hint="Spoken as soon as the call connects. Leave it empty to let the caller speak first."
        />
      </div>
    </EditorSection>
  );
}
