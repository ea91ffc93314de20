import { z } from 'zod';
import type { AnalysisFieldSchema, AnalysisSettings } from '../../agents/agent-definition.js';
import { ProviderError } from '../../errors/provider-error.js';
import { toStrictFieldSchema } from './analysis-json-schema.js';
import { SENTIMENTS, type LlmAnalysisParts } from './call-analysis.js';

/** `ProviderError.code` of a reply that is not JSON or does not match the schema. */
export const INVALID_ANALYSIS_REPLY = 'invalid_analysis_reply';
/** `ProviderError.code` of a reply in which the model refused to answer. */
export const ANALYSIS_REFUSED = 'analysis_refused';

const MAX_REPORTED_ISSUES = 5;

/** Who answered, for error messages. */
export interface ReplySource {
  readonly provider: string;
  readonly model: string;
}

type FieldValidators = ReadonlyMap<string, z.ZodType>;
const validatorCache = new WeakMap<object, FieldValidators>();

/**
 * Parses and checks the LLM's JSON reply: the fixed parts with zod, each custom field with
 * `z.fromJSONSchema` of its strict schema (null allowed). A custom field the reply leaves out is
 * null, and keys nobody asked for are dropped, so lenient compatible servers still work. Throws a
 * non-retryable `ProviderError` naming what did not match, never the values themselves.
 */
export function parseAnalysisReply(
  content: string,
  settings: AnalysisSettings,
  source: ReplySource,
): LlmAnalysisParts {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw invalidReply('the LLM reply is not valid JSON', source);
  }
  const fixed = fixedPartsSchema(settings).safeParse(parsed);
  if (!fixed.success) throw mismatch(fixed.error.issues, source);

  let fields: Record<string, unknown> | null = null;
  const validators = fieldValidators(settings.fields);
  if (validators.size > 0) {
    const given = fixed.data.fields ?? {};
    const issues: z.core.$ZodIssue[] = [];
    fields = {};
    for (const [name, validator] of validators) {
      const result = validator.safeParse(given[name] ?? null);
      if (result.success) fields[name] = result.data;
      else
        issues.push(
          ...result.error.issues.map((issue) => ({
            ...issue,
            path: ['fields', name, ...issue.path],
          })),
        );
    }
    if (issues.length > 0) throw mismatch(issues, source);
  }
  const { data } = fixed;
  return {
    summary: settings.summary ? (data.summary?.trim() ?? null) : null,
    sentiment: settings.sentiment ? (data.sentiment ?? null) : null,
    success: data.success,
    voicemail: settings.voicemail ? (data.voicemail ?? null) : null,
    fields,
  };
}

function fixedPartsSchema(settings: AnalysisSettings) {
  const wanted = <T extends z.ZodType>(schema: T, isWanted: boolean) =>
    isWanted ? schema : schema.optional().catch(undefined);
  return z.object({
    summary: wanted(z.string(), settings.summary),
    sentiment: wanted(z.enum(SENTIMENTS), settings.sentiment),
    success: z.object({ achieved: z.boolean(), reason: z.string() }),
    voicemail: wanted(z.boolean(), settings.voicemail),
    fields: wanted(z.record(z.string(), z.unknown()), Object.keys(settings.fields).length > 0),
  });
}

/** One zod validator per custom field, built once per (frozen) settings object. */
function fieldValidators(fields: Readonly<Record<string, AnalysisFieldSchema>>): FieldValidators {
  const cached = validatorCache.get(fields);
  if (cached !== undefined) return cached;
  const validators = new Map<string, z.ZodType>();
  for (const [name, field] of Object.entries(fields)) {
    const strict = toStrictFieldSchema(field, true) as Parameters<typeof z.fromJSONSchema>[0];
    validators.set(name, z.fromJSONSchema(strict));
  }
  validatorCache.set(fields, validators);
  return validators;
}

function invalidReply(message: string, source: ReplySource): ProviderError {
  return new ProviderError(`${message} (provider ${source.provider}, model ${source.model})`, {
    provider: source.provider,
    code: INVALID_ANALYSIS_REPLY,
    retryable: false,
  });
}

function mismatch(issues: readonly z.core.$ZodIssue[], source: ReplySource): ProviderError {
  const described = issues.flatMap((issue) => describeIssue(issue, []));
  const shown = described.slice(0, MAX_REPORTED_ISSUES);
  const more =
    described.length > shown.length ? `; and ${described.length - shown.length} more` : '';
  return invalidReply(`the LLM reply did not match the schema: ${shown.join('; ')}${more}`, source);
}

/**
 * `path: problem` for one issue. Nullable values fail as a union of "the type" and "null"; the
 * branch that is not about null says what was wrong. Zod's messages name types, never values.
 */
function describeIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): string[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branches = issue.errors.filter((branch) => !branch.every(isAboutNull));
    const branch = branches.length === 1 ? branches[0] : undefined;
    if (branch !== undefined) return branch.flatMap((inner) => describeIssue(inner, path));
    // A nullable enum fails as one branch per allowed value.
    const values = branches.flatMap((inner) =>
      inner.length === 1 && inner[0]?.code === 'invalid_value' ? inner[0].values : [undefined],
    );
    if (values.length > 0 && !values.includes(undefined))
      return [
        `${pathText(path)}: expected one of ${values.map((value) => JSON.stringify(value)).join('|')} or null`,
      ];
  }
  const message = issue.message.replace(/^Invalid input: /, '');
  return [`${pathText(path)}: ${message}`];
}

function isAboutNull(issue: z.core.$ZodIssue): boolean {
  return (
    (issue.code === 'invalid_type' && issue.expected === 'null') ||
    (issue.code === 'invalid_value' && issue.values.length === 1 && issue.values[0] === null)
  );
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole reply)';
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}
