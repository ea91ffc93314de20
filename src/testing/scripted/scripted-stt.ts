import { MULAW_8K } from '../../audio/audio-frame.js';
import type { SttModelV1, SttStreamPart, SttStreamV1 } from '../../providers/spec/stt-model-v1.js';

/** One open scripted stream; the test pushes parts as if the provider had heard something. */
export class ScriptedSttStream implements SttStreamV1 {
  readonly parts: ReadableStream<SttStreamPart>;
  bytesWritten = 0;
  finalizeCount = 0;
  closed = false;
  #controller!: ReadableStreamDefaultController<SttStreamPart>;

  constructor() {
    this.parts = new ReadableStream<SttStreamPart>({
      start: (controller) => {
        this.#controller = controller;
      },
    });
  }

  write(audio: Uint8Array): void {
    this.bytesWritten += audio.length;
  }

  finalize(): void {
    this.finalizeCount++;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#controller.close();
  }

  emit(part: SttStreamPart): void {
    if (!this.closed) this.#controller.enqueue(part);
  }

  /** The provider dropped the connection. */
  drop(): void {
    if (this.closed) return;
    this.closed = true;
    this.#controller.close();
  }
}

/** An in-process STT whose transcripts the test scripts, for engine unit tests. */
export class ScriptedStt implements SttModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider = 'testing';
  readonly modelId = 'scripted';
  readonly capabilities = {
    streaming: true,
    interimResults: true,
    wordTimings: false,
    endpointing: true,
  };
  readonly inputFormat = MULAW_8K;
  readonly streams: ScriptedSttStream[] = [];

  async stream(): Promise<SttStreamV1> {
    const stream = new ScriptedSttStream();
    this.streams.push(stream);
    return stream;
  }

  get current(): ScriptedSttStream {
    const stream = this.streams[this.streams.length - 1];
    if (stream === undefined) throw new Error('no STT stream opened yet');
    return stream;
  }
}
