/**
 * Runs `action` once when `signal` aborts, or at once when it already has. Returns a function that
 * stops listening, for streams that end before the signal fires.
 */
export function onAbort(signal: AbortSignal | undefined, action: () => void): () => void {
  if (signal === undefined) return () => undefined;
  if (signal.aborted) {
    action();
    return () => undefined;
  }
  signal.addEventListener('abort', action, { once: true });
  return () => signal.removeEventListener('abort', action);
}
