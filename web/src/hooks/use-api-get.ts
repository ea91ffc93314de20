import { useCallback, useEffect, useState } from 'preact/hooks';
import { apiGet } from '../api/client.js';

type Query = Record<string, string | number | undefined>;

/** What {@link useApiGet} returns. */
export interface ApiResource<T> {
  /** The body of the latest successful answer for the current path and query. */
  readonly data: T | undefined;
  /** The error of the latest attempt, if it failed. */
  readonly error: unknown;
  readonly loading: boolean;
  /** Asks again (after a change elsewhere, or to retry). */
  reload(): void;
  /** Replaces the data locally, e.g. after a mutation answered with the new state. */
  setData(update: (previous: T | undefined) => T): void;
}

interface State<T> {
  readonly key: string | null;
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
}

/**
 * GETs `path` with `query` when the component mounts and again whenever either changes; an
 * answer to an outdated request is dropped (its fetch is aborted). `path` null waits.
 *
 * @example
 * const calls = useApiGet<Page<CallSummary>>('/v1/calls', { limit: 50 });
 */
export function useApiGet<T>(path: string | null, query?: Query): ApiResource<T> {
  const key = path === null ? null : `${path}?${JSON.stringify(query ?? {})}`;
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State<T>>({
    key: null,
    data: undefined,
    error: undefined,
    loading: path !== null,
  });

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((previous) => ({
      key,
      data: previous.key === key ? previous.data : undefined,
      error: undefined,
      loading: true,
    }));
    apiGet<T>(path, query, { signal: controller.signal }).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, data: undefined, error, loading: false });
      },
    );
    return () => controller.abort();
    // `key` stands for path and query.
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const setData = useCallback(
    (update: (previous: T | undefined) => T) =>
      setState((previous) => ({ ...previous, data: update(previous.data) })),
    [],
  );
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: path !== null && (!current || state.loading),
    reload,
    setData,
  };
}
