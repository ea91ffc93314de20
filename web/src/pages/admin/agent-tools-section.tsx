import { BUILT_IN_TOOLS, type BuiltInToolName } from './agent-options.js';
import { EMPTY_PARAMETERS, newRowKey, type HttpToolDraft } from './agent-draft.js';
import { TOOL_TIMEOUT_SETTING } from './agent-settings.js';
import { EditorSection } from './editor-section.js';
import { CheckboxField } from './form-fields.js';
import { HttpToolEditor } from './http-tool-editor.js';
import { focusFirstField, removeAt, replaceAt } from './list-edits.js';
import { NumberSettingField } from './setting-fields.js';
import type { DraftEditor } from './use-agent-editor.js';

function emptyHttpTool(): HttpToolDraft {
  return {
    key: newRowKey(),
    name: '',
    description: '',
    method: 'POST',
    url: 'https://',
    parametersText: EMPTY_PARAMETERS,
    headers: [],
    timeoutMs: undefined,
    maxResponseBytes: undefined,
  };
}

/** Built-in tools to switch on, and HTTP tools to add or remove. */
export function AgentToolsSection({ editor }: { editor: DraftEditor }) {
  const { draft, disabled } = editor;
  const toggle = (name: BuiltInToolName, on: boolean) =>
    editor.setList(
      'tools',
      on ? [...draft.tools, name] : draft.tools.filter((tool) => tool !== name),
    );
  const addTool = () => {
    const tool = emptyHttpTool();
    editor.setList('httpTools', [...draft.httpTools, tool]);
    focusFirstField(`http-tool-${tool.key}`);
  };
  return (
    <EditorSection title="Tools" intro="What the agent can do besides talking.">
      <fieldset class="admin-fieldset admin-wide">
        <legend>Built-in tools</legend>
        {editor.errorsAt('tools').length > 0 && (
          <p class="field-error" role="alert">
            {editor.errorsAt('tools').join(' ')}
          </p>
        )}
        <div class="admin-form-grid">
          {BUILT_IN_TOOLS.map((tool) => (
            <CheckboxField
              key={tool.name}
              label={tool.name}
              hint={tool.description}
              checked={draft.tools.includes(tool.name)}
              onValue={(on) => toggle(tool.name, on)}
              disabled={disabled}
            />
          ))}
        </div>
      </fieldset>
      <NumberSettingField setting={TOOL_TIMEOUT_SETTING} editor={editor} />
      <div class="admin-wide">
        <h3>HTTP tools</h3>
        {draft.httpTools.length === 0 && (
          <p class="muted">No HTTP tools. Add one to let the agent call your own API.</p>
        )}
        {draft.httpTools.map((tool, index) => (
          <HttpToolEditor
            key={tool.key}
            tool={tool}
            index={index}
            editor={editor}
            onChange={(changed) =>
              editor.setList('httpTools', replaceAt(draft.httpTools, index, changed))
            }
            onRemove={() => editor.setList('httpTools', removeAt(draft.httpTools, index))}
          />
        ))}
        <button type="button" class="button" disabled={disabled} onClick={addTool}>
          Add HTTP tool
        </button>
      </div>
    </EditorSection>
  );
}
