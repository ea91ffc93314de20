import { useAction } from './use-action.js';

/** What {@link useFormSubmit} needs to know about one form. */
export interface FormSubmitOptions<Problem> {
  /** Sends the form and takes in the answer; whatever it throws is shown as `describe` puts it. */
  readonly send: () => Promise<void>;
  readonly describe: (error: unknown) => Problem;
  /** A check in the browser before sending: a problem is shown at once and nothing is sent. */
  readonly check?: () => Problem | undefined;
}

/** The state of a form that sends itself to the API. */
export interface FormSubmit<Problem> {
  /** True while the request runs: the submit button says so and stays disabled. */
  readonly busy: boolean;
  /** The problem of the last attempt (a failed check or a failed request); cleared on retry. */
  readonly problem: Problem | undefined;
  /** For `<form onSubmit>`: keeps the browser from loading a page, then checks and sends. */
  readonly onSubmit: (event: Event) => void;
}

/**
 * The submit handling every dashboard form shares: busy while sending, the failure afterwards
 * (in words, or as a summary plus field errors), and a retry that starts from a clean slate.
 *
 * @example
 * const form = useFormSubmit({ send: () => save(values), describe: toFormProblem });
 * return <form onSubmit={form.onSubmit}>…<button disabled={form.busy}>Save</button></form>;
 */
export function useFormSubmit<Problem>(options: FormSubmitOptions<Problem>): FormSubmit<Problem> {
  const action = useAction(options.describe);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const found = options.check?.();
    if (found !== undefined) {
      action.setError(found);
      return;
    }
    void action.run(options.send);
  };
  return { busy: action.busy, problem: action.error, onSubmit };
}
