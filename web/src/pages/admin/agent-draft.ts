import {
  ANALYSIS_FIELD_KINDS,
  BUILT_IN_TOOLS,
  HTTP_TOOL_METHODS,
  type AnalysisFieldKind,
  type BuiltInToolName,
  type HttpToolMethod,
} from './agent-options.js';
import { ALL_FLAGS, ALL_NUMBER_SETTINGS } from './agent-settings.js';
import {
  getPath,
  readBoolean,
  readList,
  readNumber,
  readObject,
  readText,
  type JsonObject,
} from './object-paths.js';

/** Text settings, by their path in the definition; empty optional ones are left out on save. */
export const TEXT_PATHS = {
  name: false,
  instructions: false,
  firstMessage: true,
  language: true,
  'stt.provider': false,
  'stt.model': true,
  'llm.provider': false,
  'llm.model': false,
  'tts.provider': false,
  'tts.voice': true,
  'tts.model': true,
  'silence.reminderMessage': true,
  'silence.goodbyeMessage': true,
  'analysis.goal': true,
  'analysis.model': true,
} as const satisfies Record<string, boolean>;
export type TextPath = keyof typeof TEXT_PATHS;

export interface TransferDraft {
  readonly key: string;
  readonly name: string;
  readonly destination: string;
  readonly description: string;
}

export interface HeaderDraft {
  readonly key: string;
  readonly name: string;
  readonly value: string;
}

export interface HttpToolDraft {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly method: HttpToolMethod;
  readonly url: string;
  /** JSON Schema of the arguments, as text: it is handed to the model unchanged. */
  readonly parametersText: string;
  readonly headers: readonly HeaderDraft[];
  readonly timeoutMs: number | undefined;
  readonly maxResponseBytes: number | undefined;
}

export interface AnalysisFieldDraft {
  readonly key: string;
  readonly name: string;
  readonly kind: AnalysisFieldKind;
  readonly description: string;
  /** For "one of a list": the choices, one a line. */
  readonly choices: string;
  /** The field's schema as loaded, so keywords the form does not show (format, items…) survive. */
  readonly raw: JsonObject;
}

/** Everything the agent editor edits, flat enough for simple inputs. */
export interface AgentDraft {
  readonly texts: Readonly<Record<TextPath, string>>;
  readonly numbers: Readonly<Record<string, number | undefined>>;
  readonly flags: Readonly<Record<string, boolean>>;
  readonly tools: readonly BuiltInToolName[];
  readonly transferDestinations: readonly TransferDraft[];
  readonly httpTools: readonly HttpToolDraft[];
  readonly analysisFields: readonly AnalysisFieldDraft[];
}

let lastKey = 0;
/** A stable key for a list row the user adds, so inputs keep focus when rows come and go. */
export function newRowKey(): string {
  lastKey += 1;
  return `row-${lastKey}`;
}

export const EMPTY_PARAMETERS = '{\n  "type": "object",\n  "properties": {}\n}';

function toHttpTool(value: unknown): HttpToolDraft {
  const tool = readObject(value);
  const method = HTTP_TOOL_METHODS.find((candidate) => candidate === tool.method) ?? 'POST';
  return {
    key: newRowKey(),
    name: readText(tool.name),
    description: readText(tool.description),
    method,
    url: readText(tool.url),
    parametersText:
      tool.parameters === undefined ? EMPTY_PARAMETERS : JSON.stringify(tool.parameters, null, 2),
    headers: Object.entries(readObject(tool.headers)).map(([name, headerValue]) => ({
      key: newRowKey(),
      name,
      value: readText(headerValue),
    })),
    timeoutMs: readNumber(tool.timeoutMs),
    maxResponseBytes: readNumber(tool.maxResponseBytes),
  };
}

function toAnalysisField(name: string, value: unknown): AnalysisFieldDraft {
  const raw = readObject(value);
  const enumValues = readList(raw.enum);
  const simple = ANALYSIS_FIELD_KINDS.find((kind) => kind.value === raw.type)?.value;
  const kind: AnalysisFieldKind =
    raw.type === 'array' || raw.type === 'object'
      ? raw.type
      : enumValues.length > 0 && (raw.type === undefined || raw.type === 'string')
        ? 'enum'
        : (simple ?? 'string');
  return {
    key: newRowKey(),
    name,
    kind,
    description: readText(raw.description),
    choices: enumValues.map(String).join('\n'),
    raw,
  };
}

/** The editable form of a definition (as the API returns it, defaults applied) or of nothing. */
export function toDraft(definition: JsonObject | undefined): AgentDraft {
  const source = definition ?? {};
  const texts = Object.fromEntries(
    Object.keys(TEXT_PATHS).map((path) => [path, readText(getPath(source, path))]),
  ) as Record<TextPath, string>;
  if (definition === undefined) {
    // A new agent starts with choices that work without any provider account: Deepgram for
    // speech, OpenAI for the model (both need keys) and the built-in Flite voice.
    Object.assign(texts, {
      language: 'en',
      'stt.provider': 'deepgram',
      'llm.provider': 'openai',
      'llm.model': 'gpt-4o-mini',
      'tts.provider': 'flite',
    });
  }
  const numbers = Object.fromEntries(
    ALL_NUMBER_SETTINGS.map((setting) => [
      setting.path,
      readNumber(getPath(source, setting.path)) ?? setting.defaultValue,
    ]),
  );
  const flags = Object.fromEntries(
    ALL_FLAGS.map((flag) => [
      flag.path,
      readBoolean(getPath(source, flag.path), flag.defaultValue),
    ]),
  );
  const knownTools: readonly string[] = BUILT_IN_TOOLS.map((tool) => tool.name);
  return {
    texts,
    numbers,
    flags,
    tools: readList(source.tools).filter((tool): tool is BuiltInToolName =>
      knownTools.includes(String(tool)),
    ),
    transferDestinations: readList(source.transferDestinations).map((entry) => {
      const destination = readObject(entry);
      return {
        key: newRowKey(),
        name: readText(destination.name),
        destination: readText(destination.destination),
        description: readText(destination.description),
      };
    }),
    httpTools: readList(source.httpTools).map(toHttpTool),
    analysisFields: Object.entries(readObject(getPath(source, 'analysis.fields'))).map(
      ([name, value]) => toAnalysisField(name, value),
    ),
  };
}
