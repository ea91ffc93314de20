import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { deepFreeze } from '../config/deep-freeze.js';
import type { AgentDefinition, Provisioning } from './agent-definition.js';
import { ProvisioningError, type ProvisioningProblem } from './provisioning-error.js';
import { provisioningErrorMap } from './provisioning-error-map.js';
import { findConsistencyProblems } from './provisioning-consistency.js';
import { provisioningSchema } from './provisioning-schema.js';

export type ProvisioningFormat = 'yaml' | 'json';

/** `agents[1].tts.voice`; keys that are not plain words are quoted: `variables["first name"]`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/** Line of the deepest node that exists along `segments` (a missing key points at its parent). */
function lineOf(
  located: LocatedDocument | undefined,
  segments: readonly PropertyKey[],
): number | undefined {
  if (located === undefined) return undefined;
  for (let length = segments.length; length >= 0; length -= 1) {
    const path = segments.slice(0, length).filter((segment) => typeof segment !== 'symbol');
    const node: unknown =
      length === 0 ? located.document.contents : located.document.getIn(path, true);
    if (isNode(node) && node.range) return located.lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

interface LocatedDocument {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/**
 * Validates an already-parsed document (e.g. from a test or an API) and applies every default.
 * Throws `ProvisioningError` listing every problem.
 */
export function parseProvisioning(document: unknown, file = '<provisioning>'): Provisioning {
  return validate(document, file, undefined);
}

function validate(
  document: unknown,
  file: string,
  located: LocatedDocument | undefined,
): Provisioning {
  const result = provisioningSchema.safeParse(document, { error: provisioningErrorMap });
  const schemaProblems = result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  const problems: ProvisioningProblem[] = [...schemaProblems, ...findConsistencyProblems(document)]
    .map((problem) => ({
      path: formatPath(problem.path),
      line: lineOf(located, problem.path),
      message: problem.message,
    }))
    .sort((left, right) => (left.line ?? 0) - (right.line ?? 0));
  if (!result.success || problems.length > 0) throw new ProvisioningError(file, problems);
  return deepFreeze(result.data);
}

function detectFormat(file: string, text: string): ProvisioningFormat {
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

function jsonSyntaxProblem(text: string): ProvisioningProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason)?.[1];
    const line =
      position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    return {
      path: '',
      line,
      message: `is not valid JSON (${reason}); fix the syntax, or use YAML`,
    };
  }
}

/**
 * Parses the text of a provisioning file (YAML or JSON) and validates it. `file` names it in
 * messages; the format comes from its extension, else from the content.
 */
export function parseProvisioningText(
  text: string,
  file = '<provisioning>',
  format?: ProvisioningFormat,
): Provisioning {
  const chosenFormat = format ?? detectFormat(file, text);
  if (chosenFormat === 'json') {
    const problem = jsonSyntaxProblem(text);
    if (problem !== undefined) throw new ProvisioningError(file, [problem]);
  }
  // YAML is a superset of JSON, so one parser gives line numbers for both formats.
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ProvisioningError(
      file,
      document.errors.map((error) => ({
        path: '',
        line: lineCounter.linePos(error.pos[0]).line,
        message: `is not valid YAML: ${error.message.split('\n')[0] ?? error.code}`,
      })),
    );
  }
  return validate(document.toJS(), file, { document, lineCounter });
}

/**
 * Reads and validates the provisioning file at `path` (`SWITCHBOARD_CONFIG`). Synchronous: it
 * runs once at startup. Throws `ProvisioningError` naming the file, line, path and fix.
 *
 * @example
 * const provisioning = loadProvisioning(config.provisioningPath ?? 'config/example.yaml');
 * const registry = createAgentRegistry(provisioning);
 */
export function loadProvisioning(path: string): Provisioning {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
    const reason =
      code === 'ENOENT'
        ? `no such file (looked at ${resolve(path)}); check SWITCHBOARD_CONFIG, or copy config/example.yaml`
        : code === 'EISDIR'
          ? 'is a directory; point SWITCHBOARD_CONFIG at the YAML or JSON file inside it'
          : `cannot be read (${code}); check the path in SWITCHBOARD_CONFIG and the file's permissions`;
    throw new ProvisioningError(path, [{ path: '', line: undefined, message: reason }]);
  }
  return parseProvisioningText(text, path);
}

/**
 * Validates one agent on its own (the API's create and update), with the same defaults and checks
 * as the file. Problem paths are relative to the agent: `tts.voice`, not `agents[0].tts.voice`.
 */
export function parseAgentDefinition(input: unknown, source = '<agent>'): AgentDefinition {
  try {
    const provisioning = validate({ agents: [input] }, source, undefined);
    const agent = provisioning.agents[0];
    if (agent === undefined)
      throw new ProvisioningError(source, [{ path: '', line: undefined, message: 'is empty' }]);
    return agent;
  } catch (error) {
    if (!(error instanceof ProvisioningError)) throw error;
    throw new ProvisioningError(
      source,
      error.problems.map((problem) => ({
        ...problem,
        path: problem.path.replace(/^agents\[0\]\.?/, '').replace(/^agents$/, ''),
      })),
    );
  }
}
