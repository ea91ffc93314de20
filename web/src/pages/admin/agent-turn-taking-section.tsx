import { SILENCE_SETTINGS } from './agent-settings.js';
import type { NumberSetting } from './setting-types.js';
import {
  ENDPOINTING_SETTINGS,
  INTERRUPTION_FLAGS,
  INTERRUPTION_SETTINGS,
  VAD_SETTINGS,
} from './turn-taking-settings.js';
import { EditorSection } from './editor-section.js';
import { TextField } from './form-fields.js';
import { FlagSettingField, NumberSettingField } from './setting-fields.js';
import type { DraftEditor } from './use-agent-editor.js';

function Group({
  legend,
  settings,
  editor,
}: {
  legend: string;
  settings: readonly NumberSetting[];
  editor: DraftEditor;
}) {
  return (
    <fieldset class="admin-fieldset admin-wide">
      <legend>{legend}</legend>
      <div class="admin-form-grid">
        {settings.map((setting) => (
          <NumberSettingField key={setting.path} setting={setting} editor={editor} />
        ))}
      </div>
    </fieldset>
  );
}

/** Voice activity, endpointing, interruptions and silence handling (docs/turn-taking.md). */
export function AgentTurnTakingSection({ editor }: { editor: DraftEditor }) {
  const { draft, disabled } = editor;
  return (
    <EditorSection
      title="Turn-taking"
      intro="When the agent decides the caller has finished, and how it reacts to being interrupted. The defaults suit most phone lines; an empty box uses the default."
    >
      <Group legend="Hearing speech" settings={VAD_SETTINGS} editor={editor} />
      <Group legend="When to answer" settings={ENDPOINTING_SETTINGS} editor={editor} />
      <fieldset class="admin-fieldset admin-wide">
        <legend>Interruptions</legend>
        <div class="admin-form-grid">
          {INTERRUPTION_FLAGS.map((flag) => (
            <FlagSettingField key={flag.path} flag={flag} editor={editor} />
          ))}
          {INTERRUPTION_SETTINGS.map((setting) => (
            <NumberSettingField key={setting.path} setting={setting} editor={editor} />
          ))}
        </div>
      </fieldset>
      <Group legend="Silence and call length" settings={SILENCE_SETTINGS} editor={editor} />
      <TextField
        label="Reminder message"
        value={draft.texts['silence.reminderMessage']}
        onValue={(value) => editor.setText('silence.reminderMessage', value)}
        disabled={disabled}
        errors={editor.errorsAt('silence.reminderMessage')}
        hint="Said after the reminder silence. Empty uses “Are you still there?”."
      />
      <TextField
        label="Goodbye message"
        value={draft.texts['silence.goodbyeMessage']}
        onValue={(value) => editor.setText('silence.goodbyeMessage', value)}
        disabled={disabled}
        errors={editor.errorsAt('silence.goodbyeMessage')}
        hint="Said before hanging up on a silent caller. Empty uses the built-in goodbye."
      />
    </EditorSection>
  );
}
