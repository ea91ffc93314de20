import { durationMs, type AudioFormat } from '../audio/audio-frame.js';
import { createAudioConverter } from '../audio/audio-converter.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { Logger } from '../logging/logger.js';
import type { TtsModelV1, TtsStreamV1 } from '../providers/spec/tts-model-v1.js';
import type { AssistantMessageHandle } from './chat-context.js';

/** Where a piece of spoken text came from, so a barge-in can cut the right message. */
interface SpokenSegment {
  readonly text: string;
  readonly message: AssistantMessageHandle | undefined;
  /** Characters of the whole utterance before this segment. */
  readonly offset: number;
}

export interface AgentSpeechHooks {
  /** Converted audio in the call's outbound format. */
  onAudio(speech: AgentSpeech, audio: Uint8Array): void;
  /** TTS finished: no more audio will come. */
  onSynthesisDone(speech: AgentSpeech): void;
  onError(speech: AgentSpeech, error: SwitchboardError): void;
  onCharacters(speech: AgentSpeech, characters: number): void;
}

/** Speech rate used to estimate how far into unfinished text the caller got (≈15 chars/s). */
const MS_PER_CHARACTER = 65;

/**
 * One utterance of the agent: the text handed to TTS, the audio that came back, and what of it the
 * caller heard. The TTS connection opens as soon as the utterance is created, in parallel with the
 * LLM request, so its set-up time is hidden behind the model's first token.
 */
export class AgentSpeech {
  readonly id: number;
  /** The LLM generation that produced it; scripted messages have none. */
  readonly generation: number | undefined;
  readonly allowInterruptions: boolean;
  readonly turn: number;
  readonly abortController = new AbortController();
  readonly #segments: SpokenSegment[] = [];
  readonly #hooks: AgentSpeechHooks;
  readonly #stream: Promise<TtsStreamV1 | undefined>;
  readonly #outputFormat: AudioFormat;
  #characters = 0;
  #audioMs = 0;
  #synthesisDone = false;
  #ended = false;
  /** Monotonic times for the latency split. */
  firstTextAt: number | undefined;
  firstAudioAt: number | undefined;
  /** When its first frame went to the carrier. */
  firstFrameAt: number | undefined;

  constructor(options: {
    id: number;
    generation: number | undefined;
    turn: number;
    allowInterruptions: boolean;
    tts: TtsModelV1;
    voice: string | undefined;
    language: string | undefined;
    providerOptions: Readonly<Record<string, unknown>> | undefined;
    logger: Logger;
    outputFormat: AudioFormat;
    hooks: AgentSpeechHooks;
    now: () => number;
  }) {
    this.id = options.id;
    this.generation = options.generation;
    this.turn = options.turn;
    this.allowInterruptions = options.allowInterruptions;
    this.#hooks = options.hooks;
    this.#outputFormat = options.outputFormat;
    const converter = createAudioConverter(options.tts.outputFormat, options.outputFormat);
    const now = options.now;
    this.#stream = options.tts
      .stream({
        voice: options.voice,
        language: options.language,
        abortSignal: this.abortController.signal,
        providerOptions: options.providerOptions,
        logger: options.logger,
      })
      .then(
        (stream) => {
          void this.#pump(stream, converter, now);
          return stream;
        },
        (error: unknown) => {
          if (!this.abortController.signal.aborted) this.#fail(error);
          this.#markSynthesisDone();
          return undefined;
        },
      );
  }

  /** All text pushed so far. */
  get text(): string {
    return this.#segments.map((segment) => segment.text).join(' ');
  }

  get synthesisDone(): boolean {
    return this.#synthesisDone;
  }

  get audioMs(): number {
    return this.#audioMs;
  }

  get interrupted(): boolean {
    return this.abortController.signal.aborted;
  }

  /** Queues a piece of text (usually a clause) for synthesis. */
  pushText(text: string, message: AssistantMessageHandle | undefined, now: number): void {
    if (this.#ended || this.interrupted) return;
    this.#segments.push({ text, message, offset: this.#characters });
    this.#characters += text.length + 1;
    this.firstTextAt ??= now;
    void this.#stream.then((stream) => stream?.pushText(text + ' '));
  }

  /** No more text. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    void this.#stream.then((stream) => {
      if (stream === undefined) return;
      if (this.#segments.length === 0) {
        // Nothing to say: close without waiting for the provider.
        this.#markSynthesisDone();
      }
      stream.end();
    });
  }

  /** Stop synthesis at once (barge-in or call end). */
  abort(): void {
    this.abortController.abort();
    this.#markSynthesisDone();
  }

  /**
   * Cuts the assistant messages down to what the caller heard in `heardMs` of audio. Returns the
   * heard text. Within unfinished audio the position is estimated from the speech rate and cut back
   * to a whole word, because we would rather under- than over-claim what was said.
   */
  truncateTo(heardMs: number): string {
    const totalText = this.text;
    let heardCharacters: number;
    if (this.#synthesisDone && this.#audioMs > 0) {
      heardCharacters = Math.floor(
        (totalText.length * Math.min(heardMs, this.#audioMs)) / this.#audioMs,
      );
    } else {
      heardCharacters = Math.min(totalText.length, Math.floor(heardMs / MS_PER_CHARACTER));
    }
    if (heardCharacters < totalText.length) {
      const space = totalText.lastIndexOf(' ', heardCharacters);
      heardCharacters = space < 0 ? 0 : space;
    }
    const heard = totalText.slice(0, heardCharacters).trim();
    // Rebuild each message's content from the segments it owns that were (partly) heard.
    const byMessage = new Map<AssistantMessageHandle, string[]>();
    for (const segment of this.#segments) {
      if (segment.message === undefined) continue;
      const parts = byMessage.get(segment.message) ?? [];
      byMessage.set(segment.message, parts);
      const visible = Math.max(0, Math.min(segment.text.length, heardCharacters - segment.offset));
      if (visible > 0) parts.push(segment.text.slice(0, visible).trim());
    }
    for (const [message, parts] of byMessage) {
      const content = parts.filter((part) => part.length > 0).join(' ');
      message.setContent(content.length > 0 ? content : null);
    }
    return heard;
  }

  async #pump(
    stream: TtsStreamV1,
    converter: ReturnType<typeof createAudioConverter>,
    now: () => number,
  ): Promise<void> {
    const reader = stream.parts.getReader();
    try {
      for (;;) {
        const { value: part, done } = await reader.read();
        if (done || this.interrupted) break;
        if (part.type === 'audio') {
          const audio = converter.convert(part.audio);
          if (audio.length === 0) continue;
          this.firstAudioAt ??= now();
          this.#audioMs += durationMs(this.#outputFormat, audio.length);
          this.#hooks.onAudio(this, audio);
        } else if (part.type === 'usage') {
          this.#hooks.onCharacters(this, part.characters);
        } else if (part.type === 'error') {
          this.#fail(part.error);
        } else if (part.type === 'finish') {
          break;
        }
      }
      const tail = converter.flush();
      if (tail.length > 0 && !this.interrupted) {
        this.#audioMs += durationMs(this.#outputFormat, tail.length);
        this.#hooks.onAudio(this, tail);
      }
    } catch (error) {
      if (!this.interrupted) this.#fail(error);
    } finally {
      reader.releaseLock();
      this.#markSynthesisDone();
    }
  }

  #fail(error: unknown): void {
    this.#hooks.onError(
      this,
      SwitchboardError.isInstance(error)
        ? error
        : new SwitchboardError(error instanceof Error ? error.message : String(error), {
            code: 'tts_failed',
            retryable: true,
            cause: error,
          }),
    );
  }

  #markSynthesisDone(): void {
    if (this.#synthesisDone) return;
    this.#synthesisDone = true;
    this.#hooks.onSynthesisDone(this);
  }
}
