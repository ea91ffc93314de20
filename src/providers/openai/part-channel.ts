/**
 * A push-side handle on a `ReadableStream`: parts are queued as they are produced, and writes
 * after `close()` (or after the consumer cancelled) are dropped instead of throwing, so late
 * network callbacks cannot crash anything.
 */
export interface PartChannel<T> {
  readonly readable: ReadableStream<T>;
  /** False once closed or cancelled. */
  readonly isOpen: boolean;
  push(part: T): void;
  close(): void;
}

/** `onCancel` runs when the consumer cancels the readable side. */
export function createPartChannel<T>(onCancel: () => void = () => undefined): PartChannel<T> {
  let controller: ReadableStreamDefaultController<T> | undefined;
  let open = true;
  const readable = new ReadableStream<T>({
    start(streamController) {
      controller = streamController;
    },
    cancel() {
      open = false;
      onCancel();
    },
  });
  return {
    readable,
    get isOpen() {
      return open;
    },
    push(part) {
      if (open) controller?.enqueue(part);
    },
    close() {
      if (!open) return;
      open = false;
      controller?.close();
    },
  };
}
