import { useEffect, useRef } from 'preact/hooks';
import type { FormProblem } from './field-errors.js';

/**
 * The problems of the last save as a list, focused when it appears so keyboard and screen reader
 * users land on it; each problem is also shown beside its field when that field is on screen.
 */
export function FormProblemSummary({
  problem,
  labelOf,
}: {
  problem: FormProblem;
  labelOf: (path: string) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [problem]);
  return (
    <div class="error-notice" role="alert" tabIndex={-1} ref={ref}>
      <p>
        <strong>Not saved.</strong> {problem.summary}
      </p>
      {problem.fields.length > 0 && (
        <ul>
          {problem.fields.map((field, index) => (
            <li key={`${field.path}-${index}`}>
              {field.path === '' ? '' : `${labelOf(field.path)}: `}
              {field.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
