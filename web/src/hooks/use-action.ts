import { useCallback, useState } from 'preact/hooks';
import { describeError } from '../api/client.js';

/** A request the user started (a button, a form): busy while it runs, its failure afterwards. */
export interface Action<Problem = string> {
  readonly busy: boolean;
  /** What went wrong with the last run, in the shape the hook's `describe` gives it. */
  readonly error: Problem | undefined;
  /** Runs `work`; resolves true when it succeeded, else its failure becomes `error`. */
  readonly run: (work: () => Promise<void>) => Promise<boolean>;
  /** Shows a problem found without asking the server (a check in the browser), or clears it. */
  readonly setError: (problem: Problem | undefined) => void;
}

/** Failures in words (`describeError`). */
export function useAction(): Action;
/** Failures as `describe` puts them, e.g. a summary plus field errors for a form. */
export function useAction<Problem>(describe: (error: unknown) => Problem): Action<Problem>;
export function useAction<Problem>(
  describe?: (error: unknown) => Problem,
): Action<Problem | string> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Problem | string | undefined>(undefined);
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      setError(undefined);
      try {
        await work();
        return true;
      } catch (failure) {
        setError((describe ?? describeError)(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [describe],
  );
  return { busy, error, run, setError };
}
