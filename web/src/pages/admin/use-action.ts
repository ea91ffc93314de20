import { useCallback, useState } from 'preact/hooks';
import { describeError } from '../../api/client.js';

/** A button's request: busy while it runs, its failure in words afterwards. */
export interface Action {
  readonly busy: boolean;
  readonly error: string | undefined;
  /** Runs `work` unless one is running; resolves true when it succeeded. */
  readonly run: (work: () => Promise<void>) => Promise<boolean>;
  readonly clearError: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (failure) {
      setError(describeError(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, run, clearError };
}
