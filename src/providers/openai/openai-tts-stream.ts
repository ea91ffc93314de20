import { ProviderError } from '../../errors/provider-error.js';
import type { SwitchboardError } from '../../errors/switchboard-error.js';
import type { Logger } from '../../logging/logger.js';
import { onAbort } from '../shared/on-abort.js';
import { PartsChannel } from '../shared/parts-channel.js';
import type { TtsStreamPart, TtsStreamV1 } from '../spec/tts-model-v1.js';
import {
  extractErrorMessage,
  providerErrorFromNetwork,
  providerErrorFromResponse,
} from './openai-error.js';
import { buildOpenAiHeaders, type ResolvedOpenAiConnection } from './openai-settings.js';
import type { OpenAiTtsOptions } from './openai-tts-options.js';
import { Pcm16Aligner } from './pcm16-aligner.js';

/** Requests allowed in flight: the one playing and the next, so pieces join without a gap. */
const MAX_IN_FLIGHT = 2;

interface Job {
  readonly text: string;
  readonly controller: AbortController;
  response: Promise<Response> | undefined;
}

export interface OpenAiTtsStreamSettings {
  readonly connection: ResolvedOpenAiConnection;
  readonly modelId: string;
  readonly voice: string;
  readonly timeoutMs: number;
  readonly providerOptions: OpenAiTtsOptions;
  readonly abortSignal: AbortSignal | undefined;
  /** The stream's logger (the call's, tagged with the provider). */
  readonly logger: Logger;
}

/** One utterance. A failed piece emits one `error` part and ends the stream without `finish`. */
export class OpenAiTtsStream implements TtsStreamV1 {
  readonly #settings: OpenAiTtsStreamSettings;
  readonly #channel: PartsChannel<TtsStreamPart>;
  #jobs: Job[] = [];
  #ended = false;
  #pumping = false;
  #characters = 0;

  constructor(settings: OpenAiTtsStreamSettings) {
    this.#settings = settings;
    this.#channel = new PartsChannel<TtsStreamPart>(() => this.#stop());
    // Already aborted: the parts stream ends at once, as it would a moment later.
    onAbort(settings.abortSignal, () => this.#stop());
  }

  get parts(): ReadableStream<TtsStreamPart> {
    return this.#channel.readable;
  }

  pushText(text: string): void {
    if (this.#ended || !this.#channel.isOpen) {
      if (this.#ended)
        this.#settings.logger.warn('openai speech text pushed after end() was ignored');
      return;
    }
    if (text.trim() === '') return;
    this.#jobs.push({ text, controller: new AbortController(), response: undefined });
    this.#startRequests();
    void this.#pump();
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (
        let job = this.#jobs[0];
        job !== undefined && this.#channel.isOpen;
        job = this.#jobs[0]
      ) {
        this.#startRequests();
        const failure = await this.#play(job);
        this.#jobs.shift();
        if (failure !== undefined) {
          this.#channel.push({ type: 'error', error: failure });
          this.#stop();
          return;
        }
        this.#characters += job.text.length;
      }
      if (this.#ended && this.#channel.isOpen && this.#jobs.length === 0) {
        if (this.#characters > 0)
          this.#channel.push({ type: 'usage', characters: this.#characters });
        this.#channel.end({ type: 'finish' });
      }
    } finally {
      this.#pumping = false;
    }
  }

  #startRequests(): void {
    for (const job of this.#jobs.slice(0, MAX_IN_FLIGHT)) {
      if (job.response === undefined) {
        job.response = this.#request(job);
        // A prefetched request may fail before its turn; #play reports it then, not the runtime now.
        job.response.catch(() => undefined);
      }
    }
  }

  /** Streams one piece's audio; resolves with the failure, if any. */
  async #play(job: Job): Promise<SwitchboardError | undefined> {
    const { connection } = this.#settings;
    const provider = connection.providerName;
    let response: Response;
    try {
      response = await (job.response ?? this.#request(job));
    } catch (error) {
      return providerErrorFromNetwork(error, provider, 'speech request');
    }
    if (!response.ok) return providerErrorFromResponse(response, provider, 'speech request');
    if ((response.headers.get('content-type') ?? '').includes('json') || response.body === null) {
      const detail =
        extractErrorMessage(await response.text().catch(() => '')) ?? 'no audio in the response';
      return new ProviderError(`${provider}: speech request returned no audio: ${detail}`, {
        provider,
        code: 'invalid_response',
        retryable: false,
      });
    }
    const aligner = new Pcm16Aligner();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        const audio = aligner.push(chunk.value);
        if (audio.byteLength > 0) this.#channel.push({ type: 'audio', audio });
      }
    } catch (error) {
      return this.#channel.isOpen
        ? providerErrorFromNetwork(error, provider, 'speech download')
        : undefined;
    }
    if (aligner.hasRemainder)
      this.#settings.logger.warn('openai speech body ended in the middle of a sample');
    return undefined;
  }

  async #request(job: Job): Promise<Response> {
    const { connection, modelId, voice, timeoutMs, providerOptions } = this.#settings;
    const body: Record<string, unknown> = {
      model: modelId,
      input: job.text,
      voice,
      response_format: 'pcm',
    };
    if (providerOptions.speed !== undefined) body.speed = providerOptions.speed;
    if (providerOptions.instructions !== undefined)
      body.instructions = providerOptions.instructions;
    // The limit covers the wait for headers only; long pieces may stream for longer.
    const timer = setTimeout(
      () => job.controller.abort(new DOMException('speech request timed out', 'TimeoutError')),
      timeoutMs,
    );
    try {
      return await connection.fetch(`${connection.baseUrl}/audio/speech`, {
        method: 'POST',
        headers: buildOpenAiHeaders(connection, {
          'content-type': 'application/json',
          accept: 'audio/pcm',
        }),
        body: JSON.stringify(body),
        signal: job.controller.signal,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Barge-in, cancel or failure: drop queued text and cancel every request. */
  #stop(): void {
    for (const job of this.#jobs) job.controller.abort();
    this.#jobs = [];
    this.#channel.end();
  }
}
