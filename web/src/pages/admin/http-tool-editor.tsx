import { HTTP_TOOL_LIMITS, HTTP_TOOL_METHODS, type HttpToolMethod } from './agent-options.js';
import { newRowKey, type HttpToolDraft } from './agent-draft.js';
import { SelectField, TextAreaField, TextField } from './form-fields.js';
import { NumberField } from './number-field.js';
import { removeAt, replaceAt } from './list-edits.js';
import type { DraftEditor } from './use-agent-editor.js';

const methodOptions = HTTP_TOOL_METHODS.map((value) => ({ value, label: value }));

interface HttpToolEditorProps {
  readonly tool: HttpToolDraft;
  readonly index: number;
  readonly editor: DraftEditor;
  readonly onChange: (tool: HttpToolDraft) => void;
  readonly onRemove: () => void;
}

/** One HTTP tool: the organisation's own API the agent may call during a call. */
export function HttpToolEditor({ tool, index, editor, onChange, onRemove }: HttpToolEditorProps) {
  const { disabled } = editor;
  const at = (field: string) => editor.errorsAt(`httpTools.${index}.${field}`);
  const set = (patch: Partial<HttpToolDraft>) => onChange({ ...tool, ...patch });
  const title = tool.name.trim() === '' ? `HTTP tool ${index + 1}` : tool.name;
  return (
    <fieldset class="admin-fieldset admin-wide" id={`http-tool-${tool.key}`}>
      <legend>{title}</legend>
      <div class="admin-form-grid">
        <TextField
          label="Tool identifier"
          value={tool.name}
          onValue={(name) => set({ name })}
          required
          disabled={disabled}
          errors={at('name')}
          hint="What the model calls it: lowercase letters, digits and _, e.g. order_status."
        />
        <SelectField<HttpToolMethod>
          label="Method"
          value={tool.method}
          options={methodOptions}
          onValue={(method) => set({ method })}
          disabled={disabled}
          errors={at('method')}
          hint="GET and DELETE send the arguments in the query string; the others as a JSON body."
        />
        <div class="admin-wide">
          <TextField
            label="Description"
            value={tool.description}
            onValue={(description) => set({ description })}
            required
            disabled={disabled}
            errors={at('description')}
            hint="Tells the model when to use the tool and what it returns."
          />
        </div>
        <div class="admin-wide">
          <TextField
            label="URL"
            type="url"
            value={tool.url}
            onValue={(url) => set({ url })}
            required
            disabled={disabled}
            errors={at('url')}
            hint="http:// or https://; {{variable}} placeholders are filled from the call. Requests are signed and private addresses refused."
          />
        </div>
        <div class="admin-wide">
          <TextAreaField
            label="Parameters (JSON Schema)"
            rows={6}
            value={tool.parametersText}
            onValue={(parametersText) => set({ parametersText })}
            disabled={disabled}
            errors={at('parameters')}
            hint='The arguments the model fills in, e.g. {"type":"object","properties":{"order":{"type":"string"}}}.'
          />
        </div>
        <NumberField
          label="Time limit"
          unit="ms"
          value={tool.timeoutMs}
          onValue={(timeoutMs) => set({ timeoutMs })}
          min={HTTP_TOOL_LIMITS.timeoutMs.min}
          max={HTTP_TOOL_LIMITS.timeoutMs.max}
          step={100}
          disabled={disabled}
          errors={at('timeoutMs')}
          hint={`Default ${HTTP_TOOL_LIMITS.timeoutMs.default} ms; 100 to 30,000.`}
        />
        <NumberField
          label="Largest response"
          unit="bytes"
          value={tool.maxResponseBytes}
          onValue={(maxResponseBytes) => set({ maxResponseBytes })}
          min={HTTP_TOOL_LIMITS.maxResponseBytes.min}
          max={HTTP_TOOL_LIMITS.maxResponseBytes.max}
          step={1}
          disabled={disabled}
          errors={at('maxResponseBytes')}
          hint="Default 65,536; at most 1,048,576."
        />
        <fieldset class="admin-fieldset admin-wide">
          <legend>Headers</legend>
          {at('headers').length > 0 && (
            <p class="field-error" role="alert">
              {at('headers').join(' ')}
            </p>
          )}
          {tool.headers.map((header, headerIndex) => (
            <div class="admin-row-inputs" key={header.key}>
              <TextField
                label="Header"
                value={header.name}
                onValue={(name) =>
                  set({ headers: replaceAt(tool.headers, headerIndex, { ...header, name }) })
                }
                disabled={disabled}
              />
              <TextField
                label="Value"
                value={header.value}
                onValue={(value) =>
                  set({ headers: replaceAt(tool.headers, headerIndex, { ...header, value }) })
                }
                disabled={disabled}
              />
              <button
                type="button"
                class="button small"
                disabled={disabled}
                aria-label={`Remove header ${header.name || headerIndex + 1}`}
                onClick={() => set({ headers: removeAt(tool.headers, headerIndex) })}
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            class="button small"
            disabled={disabled}
            onClick={() =>
              set({ headers: [...tool.headers, { key: newRowKey(), name: '', value: '' }] })
            }
          >
            Add header
          </button>
        </fieldset>
      </div>
      <button type="button" class="button danger small" disabled={disabled} onClick={onRemove}>
        Remove {title}
      </button>
    </fieldset>
  );
}
