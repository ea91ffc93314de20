import { ApiError, describeError } from '../../api/client.js';

/** One failed check from a problem+json `errors` list, its path without the `body.` prefix. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * One spelling for every path: schema checks say `body.httpTools.0.url`, cross-field checks say
 * `body.transferDestinations[0].name` or `body.variables["first name"]`; both become dotted,
 * without the `body` prefix.
 */
export function normalizePath(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\["((?:[^"\\]|\\.)*)"\]/g, '.$1')
    .replace(/^body(?:\.|$)/, '')
    .replace(/^\./, '');
}

/** The field errors of a 422, with normalised paths; none for any other failure. */
export function readFieldErrors(error: unknown): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldProblems.map((problem) => ({
    path: normalizePath(problem.path),
    message: problem.message,
  }));
}

/** What went wrong with a form: a sentence for the top, and messages keyed by field path. */
export interface FormProblem {
  readonly summary: string;
  readonly fields: readonly FieldError[];
}

/** Turns a failed save into a summary plus field errors (empty when the API gave none). */
export function toFormProblem(error: unknown): FormProblem {
  const fields = readFieldErrors(error);
  // describeError lists every field problem in one sentence; beside the fields they read better.
  const summary =
    fields.length > 0 ? 'Some fields need a change; see the list below.' : describeError(error);
  return { summary, fields };
}

/** Messages for `path` itself (exact match), for the field beside which they are shown. */
export function messagesFor(problem: FormProblem | undefined, path: string): string[] {
  if (problem === undefined) return [];
  return problem.fields.filter((field) => field.path === path).map((field) => field.message);
}
