/**
 * A push-style source for a provider's `parts` stream. Pushing after the end is a no-op, so
 * late socket events never throw; `end` emits the terminal part exactly once.
 */
export class PartsChannel<Part> {
  readonly readable: ReadableStream<Part>;
  #controller: ReadableStreamDefaultController<Part> | undefined;
  #ended = false;

  /** `onCancel` runs when the consumer cancels the stream (it no longer wants parts). */
  constructor(onCancel: () => void) {
    this.readable = new ReadableStream<Part>({
      start: (controller) => {
        this.#controller = controller;
      },
      cancel: () => {
        this.#ended = true;
        onCancel();
      },
    });
  }

  get ended(): boolean {
    return this.#ended;
  }

  push(part: Part): void {
    if (this.#ended) return;
    this.#controller?.enqueue(part);
  }

  /** Pushes `lastPart` and closes the stream; later calls do nothing. */
  end(lastPart: Part): void {
    if (this.#ended) return;
    this.#controller?.enqueue(lastPart);
    this.#ended = true;
    this.#controller?.close();
  }
}
