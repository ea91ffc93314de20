import { ANALYSIS_FIELD_NAME_PATTERN } from './agent-options.js';
import {
  TEXT_PATHS,
  type AgentDraft,
  type AnalysisFieldDraft,
  type HttpToolDraft,
  type TextPath,
} from './agent-draft.js';
import type { FieldError } from './field-errors.js';
import { cloneJson, deletePath, getPath, setPath, type JsonObject } from './object-paths.js';

/** A definition ready to send, or the problems the browser can already see. */
export type DefinitionResult =
  | { readonly ok: true; readonly definition: JsonObject }
  | { readonly ok: false; readonly problems: readonly FieldError[] };

function httpToolBody(tool: HttpToolDraft, index: number, problems: FieldError[]): JsonObject {
  let parameters: unknown;
  try {
    parameters = JSON.parse(tool.parametersText);
  } catch (error) {
    problems.push({
      path: `httpTools.${index}.parameters`,
      message: `is not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`,
    });
  }
  const body: JsonObject = {
    name: tool.name,
    description: tool.description,
    method: tool.method,
    url: tool.url,
    parameters,
  };
  const headers = tool.headers.filter((header) => header.name.trim() !== '');
  if (headers.length > 0)
    body.headers = Object.fromEntries(headers.map((header) => [header.name.trim(), header.value]));
  if (tool.timeoutMs !== undefined) body.timeoutMs = tool.timeoutMs;
  if (tool.maxResponseBytes !== undefined) body.maxResponseBytes = tool.maxResponseBytes;
  return body;
}

/** A field's schema: the kept keywords that still fit its type, then the form's values. */
function analysisFieldBody(field: AnalysisFieldDraft): JsonObject {
  const { type: _type, enum: _enum, description: _description, ...kept } = field.raw;
  const type = field.kind === 'enum' ? 'string' : field.kind;
  if (type !== 'string') delete kept.format;
  if (type !== 'array') delete kept.items;
  if (type !== 'object') {
    delete kept.properties;
    delete kept.required;
  }
  const body: JsonObject = { ...kept, type };
  if (field.kind === 'enum') {
    body.enum = field.choices
      .split('\n')
      .map((choice) => choice.trim())
      .filter((choice) => choice !== '');
  }
  if (field.description.trim() !== '') body.description = field.description.trim();
  return body;
}

function analysisFieldsBody(fields: readonly AnalysisFieldDraft[], problems: FieldError[]) {
  const result: JsonObject = {};
  for (const field of fields) {
    const name = field.name.trim();
    if (!ANALYSIS_FIELD_NAME_PATTERN.test(name)) {
      problems.push({
        path: `analysis.fields.${name}`,
        message: `"${name}" is not a usable field identifier: start with a lowercase letter, then lowercase letters, digits or _`,
      });
    } else if (name in result) {
      problems.push({ path: `analysis.fields.${name}`, message: `"${name}" is used twice` });
    }
    result[name] = analysisFieldBody(field);
  }
  return result;
}

/**
 * The definition to PUT or POST. It starts from the agent as loaded, so settings the form does
 * not show (provider options, variables…) are kept; a provider that changed loses the old one's
 * options, which would not fit the new one.
 */
export function toDefinition(draft: AgentDraft, base: JsonObject | undefined): DefinitionResult {
  const definition = cloneJson(base ?? {});
  const problems: FieldError[] = [];
  for (const kind of ['stt', 'llm', 'tts']) {
    const path = `${kind}.provider` as TextPath;
    if (getPath(base, path) !== draft.texts[path]) deletePath(definition, `${kind}.options`);
  }
  for (const [path, optional] of Object.entries(TEXT_PATHS)) {
    const value = draft.texts[path as TextPath];
    if (optional && value.trim() === '') deletePath(definition, path);
    else setPath(definition, path, value);
  }
  for (const [path, value] of Object.entries(draft.numbers)) {
    if (value === undefined || Number.isNaN(value)) deletePath(definition, path);
    else setPath(definition, path, value);
  }
  for (const [path, value] of Object.entries(draft.flags)) setPath(definition, path, value);
  definition.tools = [...draft.tools];
  definition.transferDestinations = draft.transferDestinations.map((entry) => ({
    name: entry.name.trim(),
    destination: entry.destination.trim(),
    ...(entry.description.trim() === '' ? {} : { description: entry.description.trim() }),
  }));
  definition.httpTools = draft.httpTools.map((tool, index) => httpToolBody(tool, index, problems));
  setPath(definition, 'analysis.fields', analysisFieldsBody(draft.analysisFields, problems));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, definition };
}
