import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** What a page knows about one request: the data once loaded, or the error. */
export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Loads again, keeping the current data on screen until the answer arrives. */
  readonly reload: () => void;
  /** Replaces the data after a change the page made itself, sparing a round trip. */
  readonly setData: (data: T) => void;
}

/**
 * Runs `load` on mount and whenever `keys` change. An answer that arrives after the keys moved on
 * is dropped, so a slow reply for the previous period or agent never overwrites the current one.
 */
export function useResource<T>(load: () => Promise<T>, keys: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // The keys are the caller's dependency list; `generation` forces a reload.
  }, [...keys, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const replace = useCallback((value: T) => setData(() => value), []);
  return { data, error, loading, reload, setData: replace };
}
