import type { FormProblem } from './field-errors.js';

/**
 * The part of a failed save not already shown beside a field: the summary when the API named no
 * field, else the messages for fields the form has no input for (`shown` lists those it has).
 */
export function TopProblem({ problem, shown }: { problem: FormProblem; shown: readonly string[] }) {
  const elsewhere = problem.fields.filter((field) => !shown.includes(field.path));
  if (problem.fields.length > 0 && elsewhere.length === 0) return null;
  return (
    <div class="error-notice" role="alert">
      {problem.fields.length === 0
        ? problem.summary
        : elsewhere.map((field) => (
            <p key={field.path}>
              {field.path === '' ? '' : `${field.path}: `}
              {field.message}
            </p>
          ))}
    </div>
  );
}
