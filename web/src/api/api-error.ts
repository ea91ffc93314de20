/** One failed check in a 422 `validation_failed` problem. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * A request the server refused (a problem+json answer) or could not be sent at all (`status` 0,
 * `code` `network_error`). `describeError` turns it into words for the user.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly title: string | undefined;
  readonly fieldProblems: readonly FieldProblem[];

  constructor(init: {
    status: number;
    code?: string | undefined;
    title?: string | undefined;
    detail?: string | undefined;
    fieldProblems?: readonly FieldProblem[];
  }) {
    super(init.detail ?? init.title ?? `Request failed with status ${init.status}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.fieldProblems = init.fieldProblems ?? [];
  }
}
