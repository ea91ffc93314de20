/** A comment line every 15 s keeps proxies from closing an idle stream. */
export const SSE_KEEP_ALIVE_MS = 15_000;
/** What one client may leave unread before it is dropped. */
export const SSE_MAX_QUEUED_BYTES = 1024 * 1024;

/** Response headers of an event stream. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  // nginx would otherwise buffer the stream.
  'x-accel-buffering': 'no',
};

/** Writes to one client's event stream. */
export interface SseWriter {
  /**
   * Queues `event: <event>` with `data` as one JSON line. False when the stream is over: closed,
   * the client went away, or it was dropped for leaving too much unread.
   */
  send(event: string, data: unknown): boolean;
  /** Ends the stream once what is queued has gone out. */
  close(): void;
}

export interface SseStreamOptions {
  readonly keepAliveMs?: number;
  readonly maxQueuedBytes?: number;
  /** The client left more than `maxQueuedBytes` unread and was dropped. */
  readonly onOverflow?: () => void;
}

const encoder = new TextEncoder();

/**
 * A server-sent event stream whose producer pushes and never waits. `open` starts the producer
 * and returns what to free; that runs exactly once, whether the stream is closed, the client goes
 * away (the body is cancelled), or the client falls behind by more than `maxQueuedBytes` and is
 * dropped (the stream errors and its queue is discarded). Memory per client is therefore bounded
 * whatever the client does.
 */
export function createSseStream(
  open: (writer: SseWriter) => (() => void) | void,
  options: SseStreamOptions = {},
): ReadableStream<Uint8Array> {
  const maxQueuedBytes = options.maxQueuedBytes ?? SSE_MAX_QUEUED_BYTES;
  let cleanup: (() => void) | undefined;
  let finished = false;
  let keepAlive: ReturnType<typeof setInterval> | undefined;

  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearInterval(keepAlive);
    const free = cleanup;
    cleanup = undefined;
    free?.();
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const push = (chunk: Uint8Array): boolean => {
          if (finished) return false;
          // desiredSize is what is left of the budget; at or below zero the client is not reading.
          if ((controller.desiredSize ?? 0) <= 0) {
            finish();
            controller.error(new Error('event stream client fell behind'));
            options.onOverflow?.();
            return false;
          }
          controller.enqueue(chunk);
          return true;
        };
        const writer: SseWriter = {
          send: (event, data) =>
            push(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)),
          close: () => {
            if (finished) return;
            finish();
            controller.close();
          },
        };
        keepAlive = setInterval(
          () => push(encoder.encode(': keep-alive\n\n')),
          options.keepAliveMs ?? SSE_KEEP_ALIVE_MS,
        );
        keepAlive.unref();
        let free: (() => void) | undefined;
        try {
          free = open(writer) ?? undefined;
        } catch (error) {
          finish();
          throw error;
        }
        // The producer may have ended the stream while it opened.
        if (finished) free?.();
        else cleanup = free;
      },
      cancel() {
        finish();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: maxQueuedBytes }),
  );
}
