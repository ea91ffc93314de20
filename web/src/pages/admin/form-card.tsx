import type { ComponentChildren } from 'preact';
import type { FormSubmit } from '../../hooks/use-form-submit.js';
import type { FormProblem } from './field-errors.js';
import { TopProblem } from './top-problem.js';

interface FormCardProps {
  /** The heading's id, which names the form. */
  readonly titleId: string;
  readonly title: string;
  readonly form: FormSubmit<FormProblem>;
  /** Paths of the fields that show their own errors; the problem's other messages go on top. */
  readonly shown: readonly string[];
  readonly submitLabel: string;
  /** The submit button's text while the request runs, e.g. "Adding…". */
  readonly busyLabel: string;
  /** Keeps the submit button disabled, e.g. while a required field is still empty. */
  readonly incomplete?: boolean;
  /** The fields, laid out in the two-column form grid. */
  readonly children: ComponentChildren;
}

/**
 * The admin pages' "add something" form: a card with its heading, what went wrong with the last
 * try, the fields, and one submit button that says what it is doing while the request runs.
 */
export function FormCard(props: FormCardProps) {
  const { form } = props;
  return (
    <form class="card" aria-labelledby={props.titleId} onSubmit={form.onSubmit}>
      <h2 id={props.titleId}>{props.title}</h2>
      {form.problem !== undefined && <TopProblem problem={form.problem} shown={props.shown} />}
      <div class="admin-form-grid">{props.children}</div>
      <p>
        <button
          type="submit"
          class="button primary"
          disabled={form.busy || props.incomplete === true}
        >
          {form.busy ? props.busyLabel : props.submitLabel}
        </button>
      </p>
    </form>
  );
}
