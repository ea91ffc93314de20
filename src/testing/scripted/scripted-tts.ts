import { MULAW_8K } from '../../audio/audio-frame.js';
import type {
  TtsModelV1,
  TtsStreamOptions,
  TtsStreamPart,
  TtsStreamV1,
} from '../../providers/spec/tts-model-v1.js';

/**
 * An in-process TTS that returns `msPerCharacter` of a loud μ-law tone per character, at once, so
 * engine tests know exactly how much audio each text makes. Records the text it was given.
 */
export class ScriptedTts implements TtsModelV1 {
  readonly specificationVersion = 'v1';
  readonly provider = 'testing';
  readonly modelId = 'scripted';
  readonly capabilities = { streamingInput: true, alignment: false };
  readonly outputFormat = MULAW_8K;
  readonly texts: string[] = [];
  readonly #msPerCharacter: number;

  constructor(options: { msPerCharacter?: number } = {}) {
    this.#msPerCharacter = options.msPerCharacter ?? 10;
  }

  async stream(options: TtsStreamOptions): Promise<TtsStreamV1> {
    let controller!: ReadableStreamDefaultController<TtsStreamPart>;
    let closed = false;
    const parts = new ReadableStream<TtsStreamPart>({
      start: (value) => {
        controller = value;
      },
    });
    const close = (): void => {
      if (closed) return;
      closed = true;
      controller.close();
    };
    options.abortSignal?.addEventListener('abort', close, { once: true });
    const msPerCharacter = this.#msPerCharacter;
    const texts = this.texts;
    return {
      parts,
      pushText(text) {
        if (closed) return;
        texts.push(text);
        const bytes = new Uint8Array(Math.round(text.length * msPerCharacter * 8));
        // Alternating codes make a loud square-ish wave: clearly "agent audio" in assertions.
        for (let index = 0; index < bytes.length; index++)
          bytes[index] = index % 2 === 0 ? 0x20 : 0xa0;
        controller.enqueue({ type: 'audio', audio: bytes });
        controller.enqueue({ type: 'usage', characters: text.length });
      },
      end() {
        if (closed) return;
        controller.enqueue({ type: 'finish' });
        close();
      },
    };
  }
}
