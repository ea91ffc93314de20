import { useId } from 'preact/hooks';
import {
  LLM_MODEL_SUGGESTIONS,
  LLM_PROVIDERS,
  PROVIDER_LABELS,
  STT_DEFAULT_MODELS,
  STT_PROVIDERS,
  type SttProvider,
} from './agent-options.js';
import { LLM_SETTINGS } from './agent-settings.js';
import { EditorSection } from './editor-section.js';
import { SelectField, TextField } from './form-fields.js';
import { NumberSettingField } from './setting-fields.js';
import type { DraftEditor } from './use-agent-editor.js';

const options = (values: readonly string[]) =>
  values.map((value) => ({ value, label: PROVIDER_LABELS[value] ?? value }));

function isSttProvider(value: string): value is SttProvider {
  return (STT_PROVIDERS as readonly string[]).includes(value);
}

/** Speech recognition and language model: providers from the schema, models as text. */
export function AgentModelsSection({ editor }: { editor: DraftEditor }) {
  const listId = useId();
  const { draft, disabled } = editor;
  const sttProvider = draft.texts['stt.provider'];
  return (
    <EditorSection
      title="Speech recognition and language model"
      intro="Each provider needs its credential under Settings → Credentials, unless the server has one."
    >
      <SelectField
        label="Speech recognition provider"
        value={sttProvider}
        options={options(STT_PROVIDERS)}
        onValue={(value) => editor.setText('stt.provider', value)}
        disabled={disabled}
        errors={editor.errorsAt('stt.provider')}
      />
      <TextField
        label="Speech recognition model"
        value={draft.texts['stt.model']}
        onValue={(value) => editor.setText('stt.model', value)}
        disabled={disabled}
        errors={editor.errorsAt('stt.model')}
        hint={
          isSttProvider(sttProvider)
            ? `Empty uses ${STT_DEFAULT_MODELS[sttProvider]}.`
            : "Empty uses the provider's default."
        }
      />
      <SelectField
        label="Language model provider"
        value={draft.texts['llm.provider']}
        options={options(LLM_PROVIDERS)}
        onValue={(value) => editor.setText('llm.provider', value)}
        disabled={disabled}
        errors={editor.errorsAt('llm.provider')}
        hint="Any server that speaks the OpenAI chat API works, e.g. a local model server."
      />
      <div>
        <TextField
          label="Language model"
          value={draft.texts['llm.model']}
          onValue={(value) => editor.setText('llm.model', value)}
          required
          disabled={disabled}
          errors={editor.errorsAt('llm.model')}
          hint="The model id as the server knows it, e.g. gpt-4o-mini."
          list={listId}
        />
        <datalist id={listId}>
          {LLM_MODEL_SUGGESTIONS.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
      </div>
      {LLM_SETTINGS.map((setting) => (
        <NumberSettingField key={setting.path} setting={setting} editor={editor} />
      ))}
    </EditorSection>
  );
}
