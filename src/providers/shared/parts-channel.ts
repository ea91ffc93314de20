/**
 * The push side of a provider's `parts` stream. Parts are queued as they are produced; pushing
 * after the end (or after the consumer cancelled) is a no-op, so late socket or network callbacks
 * never throw, and the stream is closed at most once.
 *
 * @example
 * const channel = new PartsChannel<TtsStreamPart>(() => abortRequests());
 * channel.push({ type: 'audio', audio });
 * channel.end({ type: 'finish' });
 */
export class PartsChannel<Part> {
  readonly readable: ReadableStream<Part>;
  #controller: ReadableStreamDefaultController<Part> | undefined;
  #open = true;

  /** `onCancel` runs when the consumer cancels the stream (it no longer wants parts). */
  constructor(onCancel: () => void = () => undefined) {
    this.readable = new ReadableStream<Part>({
      start: (controller) => {
        this.#controller = controller;
      },
      cancel: () => {
        this.#open = false;
        onCancel();
      },
    });
  }

  /** False once ended or cancelled. */
  get isOpen(): boolean {
    return this.#open;
  }

  push(part: Part): void {
    if (this.#open) this.#controller?.enqueue(part);
  }

  /** Pushes `lastPart` (when given) and closes the stream; later calls do nothing. */
  end(lastPart?: Part): void {
    if (!this.#open) return;
    if (lastPart !== undefined) this.#controller?.enqueue(lastPart);
    this.#open = false;
    this.#controller?.close();
  }
}
