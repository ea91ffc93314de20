import { ProviderError } from '../../errors/provider-error.js';
import type { SwitchboardError } from '../../errors/switchboard-error.js';
import type { Logger } from '../../logging/logger.js';
import { onAbort } from '../shared/on-abort.js';
import { PartsChannel } from '../shared/parts-channel.js';
import type { SttStreamPart, SttStreamV1 } from '../spec/stt-model-v1.js';
import { providerErrorFromNetwork, providerErrorFromResponse } from './openai-error.js';
import { buildOpenAiHeaders, type ResolvedOpenAiConnection } from './openai-settings.js';
import type { OpenAiSttOptions } from './openai-stt-options.js';
import { encodeWavPcm16 } from './openai-wav.js';
import { Pcm16Buffer, peakAmplitude } from './pcm16-buffer.js';

const SAMPLE_RATE = 16000;
const BYTES_PER_SECOND = SAMPLE_RATE * 2;
/** Longest utterance kept; older audio is dropped so a stuck VAD cannot grow memory. */
const MAX_BUFFER_BYTES = 60 * BYTES_PER_SECOND;
/** Whisper invents words for tiny clips; below this nothing is sent. */
const MIN_REQUEST_BYTES = BYTES_PER_SECOND / 10;
/** Peak at or below this (about -60 dBFS) counts as silence. */
const SILENCE_PEAK = 32;

type Outcome =
  | { readonly kind: 'text'; readonly text: string; readonly audioSeconds: number }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'error'; readonly error: SwitchboardError };

export interface OpenAiSttStreamSettings {
  readonly connection: ResolvedOpenAiConnection;
  readonly modelId: string;
  readonly language: string | undefined;
  readonly timeoutMs: number;
  readonly providerOptions: OpenAiSttOptions;
  readonly abortSignal: AbortSignal | undefined;
  /** The stream's logger (the call's, tagged with the provider). */
  readonly logger: Logger;
}

/**
 * One call's transcription stream. Each `finalize()` sends the audio buffered since the previous
 * one as a WAV file; requests may overlap but results are emitted in the order of the calls.
 */
export class OpenAiSttStream implements SttStreamV1 {
  readonly #settings: OpenAiSttStreamSettings;
  readonly #channel: PartsChannel<SttStreamPart>;
  readonly #buffer = new Pcm16Buffer(MAX_BUFFER_BYTES);
  readonly #inFlight = new Set<AbortController>();
  #emitted: Promise<void> = Promise.resolve();
  #closing = false;

  constructor(settings: OpenAiSttStreamSettings) {
    this.#settings = settings;
    this.#channel = new PartsChannel<SttStreamPart>(() => this.#abort());
    // Already aborted: the parts stream ends at once, as it would a moment later.
    onAbort(settings.abortSignal, () => this.#abort());
  }

  get parts(): ReadableStream<SttStreamPart> {
    return this.#channel.readable;
  }

  write(audio: Uint8Array): void {
    if (this.#closing || !this.#channel.isOpen) return;
    this.#buffer.append(audio);
  }

  finalize(): void {
    if (this.#closing || !this.#channel.isOpen) return;
    this.#schedule(this.#buffer.take(), true);
  }

  /** Transcribes what is still buffered (if worth it), waits for every request, then finishes. */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#channel.isOpen) this.#schedule(this.#buffer.take(), false);
    void this.#emitted.then(() => this.#channel.end({ type: 'finish' }));
  }

  #schedule(pcm: Uint8Array, reportSkip: boolean): void {
    // The request starts now; only the emission waits for earlier results.
    const outcome = this.#transcribe(pcm);
    this.#emitted = this.#emitted.then(async () => {
      const result = await outcome;
      if (result.kind === 'error') {
        this.#channel.push({ type: 'error', error: result.error });
      } else if (result.kind === 'text') {
        this.#channel.push({ type: 'transcript-final', text: result.text, speechFinal: true });
        this.#channel.push({ type: 'usage', audioSeconds: result.audioSeconds });
      } else if (reportSkip) {
        this.#channel.push({ type: 'transcript-final', text: '', speechFinal: true });
      }
    });
  }

  async #transcribe(pcm: Uint8Array): Promise<Outcome> {
    if (pcm.byteLength < MIN_REQUEST_BYTES || peakAmplitude(pcm) <= SILENCE_PEAK)
      return { kind: 'skipped' };
    const { connection, modelId, language, timeoutMs, providerOptions, logger } = this.#settings;
    const provider = connection.providerName;
    const form = new FormData();
    form.append(
      'file',
      new Blob([encodeWavPcm16(pcm, SAMPLE_RATE)], { type: 'audio/wav' }),
      'audio.wav',
    );
    form.append('model', modelId);
    form.append('response_format', 'json');
    // Whisper takes ISO-639-1 codes; `en-US` becomes `en`.
    if (language !== undefined && language !== '') {
      form.append('language', (language.split(/[-_]/)[0] ?? language).toLowerCase());
    }
    if (providerOptions.prompt !== undefined) form.append('prompt', providerOptions.prompt);
    if (providerOptions.temperature !== undefined)
      form.append('temperature', String(providerOptions.temperature));

    const controller = new AbortController();
    this.#inFlight.add(controller);
    const started = performance.now();
    try {
      const response = await connection.fetch(`${connection.baseUrl}/audio/transcriptions`, {
        method: 'POST',
        // No content-type: fetch sets the multipart boundary itself.
        headers: buildOpenAiHeaders(connection, { accept: 'application/json' }),
        body: form,
        signal: AbortSignal.any([controller.signal, AbortSignal.timeout(timeoutMs)]),
      });
      if (!response.ok)
        return {
          kind: 'error',
          error: await providerErrorFromResponse(response, provider, 'transcription request'),
        };
      const text = parseTranscript(await response.text());
      if (text === undefined) {
        return {
          kind: 'error',
          error: new ProviderError(`${provider}: transcription response has no "text" field`, {
            provider,
            code: 'invalid_response',
            retryable: false,
          }),
        };
      }
      logger.debug(
        {
          audioMs: Math.round((pcm.byteLength / BYTES_PER_SECOND) * 1000),
          latencyMs: Math.round(performance.now() - started),
          pii: { text },
        },
        'openai transcription done',
      );
      return { kind: 'text', text: text.trim(), audioSeconds: pcm.byteLength / BYTES_PER_SECOND };
    } catch (error) {
      return {
        kind: 'error',
        error: providerErrorFromNetwork(error, provider, 'transcription request'),
      };
    } finally {
      this.#inFlight.delete(controller);
    }
  }

  #abort(): void {
    this.#closing = true;
    for (const controller of this.#inFlight) controller.abort();
    this.#inFlight.clear();
    this.#channel.end();
  }
}

/** `{text}` as JSON; a server that ignored `response_format` and sent plain text is accepted too. */
function parseTranscript(bodyText: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (typeof parsed === 'object' && parsed !== null) {
      const text = (parsed as Record<string, unknown>).text;
      return typeof text === 'string' ? text : undefined;
    }
    return typeof parsed === 'string' ? parsed : undefined;
  } catch {
    return bodyText.trim().startsWith('{') ? undefined : bodyText;
  }
}
