import { newRowKey, type TransferDraft } from './agent-draft.js';
import { EditorSection } from './editor-section.js';
import { TextField } from './form-fields.js';
import { focusFirstField, removeAt, replaceAt } from './list-edits.js';
import type { DraftEditor } from './use-agent-editor.js';

/** Where transfer_call may send the caller: a named phone number or SIP address each. */
export function AgentTransferSection({ editor }: { editor: DraftEditor }) {
  const { draft, disabled } = editor;
  const list = draft.transferDestinations;
  const set = (index: number, patch: Partial<TransferDraft>) => {
    const current = list[index];
    if (current !== undefined)
      editor.setList('transferDestinations', replaceAt(list, index, { ...current, ...patch }));
  };
  const add = () => {
    const row = { key: newRowKey(), name: '', destination: '', description: '' };
    editor.setList('transferDestinations', [...list, row]);
    focusFirstField(`transfer-${row.key}`);
  };
  return (
    <EditorSection
      title="Transfer numbers"
      intro="People the agent can hand a caller to with the transfer_call tool (switch it on under Tools)."
    >
      {list.length === 0 && <p class="muted admin-wide">No transfer numbers.</p>}
      {list.map((entry, index) => {
        const at = (field: string) => editor.errorsAt(`transferDestinations.${index}.${field}`);
        return (
          <fieldset class="admin-fieldset admin-wide" key={entry.key} id={`transfer-${entry.key}`}>
            <legend>{entry.name.trim() === '' ? `Destination ${index + 1}` : entry.name}</legend>
            <div class="admin-form-grid">
              <TextField
                label="Destination identifier"
                value={entry.name}
                onValue={(name) => set(index, { name })}
                required
                disabled={disabled}
                errors={at('name')}
                hint="How the model refers to it: lowercase words with dashes, e.g. service-advisor."
              />
              <TextField
                label="Phone number or SIP address"
                type="text"
                inputMode="tel"
                value={entry.destination}
                onValue={(destination) => set(index, { destination })}
                required
                disabled={disabled}
                errors={at('destination')}
                hint="E.164 like +15551234567, or sip:desk@pbx.example.com."
              />
              <div class="admin-wide">
                <TextField
                  label="When to transfer here"
                  value={entry.description}
                  onValue={(description) => set(index, { description })}
                  disabled={disabled}
                  errors={at('description')}
                  hint="Helps the model pick the right person, e.g. “billing questions”."
                />
              </div>
            </div>
            <button
              type="button"
              class="button danger small"
              disabled={disabled}
              onClick={() => editor.setList('transferDestinations', removeAt(list, index))}
            >
              Remove {entry.name.trim() === '' ? `destination ${index + 1}` : entry.name}
            </button>
          </fieldset>
        );
      })}
      <div class="admin-wide">
        <button type="button" class="button" disabled={disabled} onClick={add}>
          Add transfer number
        </button>
      </div>
    </EditorSection>
  );
}
