import { useEffect, useRef } from 'preact/hooks';

/** Handlers by SSE event name; each gets the parsed JSON `data` and the open source. */
export type EventSourceHandlers = Record<string, (data: unknown, source: EventSource) => void>;

/** What happened to the connection, for the page to show. */
export type EventSourceStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * Subscribes to a same-origin server-sent-event stream while the component is mounted (the
 * session cookie authenticates it). The browser reconnects by itself after a network drop;
 * `onStatus` reports `closed` when it gives up (an error status such as 401 or 404).
 * A handler may call `source.close()` to stop for good (e.g. after `call-ended`).
 */
export function useEventSource(
  url: string | null,
  handlers: EventSourceHandlers,
  onStatus?: (status: EventSourceStatus) => void,
): void {
  // The latest handlers, so the stream is not reopened on every render.
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const statusRef = useRef(onStatus);
  statusRef.current = onStatus;
  const names = Object.keys(handlers).sort().join(',');

  useEffect(() => {
    if (url === null) return;
    const source = new EventSource(url);
    statusRef.current?.('connecting');
    source.onopen = () => statusRef.current?.('open');
    source.onerror = () => {
      statusRef.current?.(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    };
    for (const name of names.split(',').filter((part) => part !== '')) {
      source.addEventListener(name, (message: MessageEvent<string>) => {
        let data: unknown;
        try {
          data = JSON.parse(message.data);
        } catch {
          return; // A message that is not JSON carries nothing we can show.
        }
        handlersRef.current[name]?.(data, source);
        if (source.readyState === EventSource.CLOSED) statusRef.current?.('closed');
      });
    }
    return () => source.close();
  }, [url, names]);
}
