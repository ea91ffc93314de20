import { createPcmDecoder } from '../../audio/audio-converter.js';
import { bytesPerSample } from '../../audio/audio-frame.js';
import { SwitchboardError } from '../../errors/index.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { TtsModelV1, TtsStreamPart } from '../../providers/spec/tts-model-v1.js';

/** What to synthesize, and how long it may take. */
export interface PreviewSynthesisOptions {
  readonly text: string;
  /** Provider voice id (the agent's `tts.voice`); the model's default when absent. */
  readonly voice?: string;
  readonly language?: string;
  readonly providerOptions?: Readonly<Record<string, unknown>>;
  /** The whole synthesis, connecting included, must finish within this. */
  readonly timeoutMs: number;
  /** Audio past this much is dropped (default 120 s); a preview is a sentence or two. */
  readonly maxAudioMs?: number;
  readonly logger?: Logger;
}

/** A synthesized clip: PCM16 mono at the provider's own rate. */
export interface PreviewAudio {
  readonly samples: Int16Array;
  readonly sampleRate: number;
}

/** The provider could not speak the preview; `provider` names it. */
export class PreviewSynthesisError extends SwitchboardError {
  readonly provider: string;

  constructor(provider: string, message: string, options: { code: string; cause?: unknown }) {
    super(message, { code: options.code, retryable: true, cause: options.cause });
    this.name = 'PreviewSynthesisError';
    this.provider = provider;
  }
}

function toPreviewError(provider: string, error: unknown): PreviewSynthesisError {
  if (error instanceof PreviewSynthesisError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PreviewSynthesisError(provider, message, {
    code: SwitchboardError.isInstance(error) ? error.code : 'provider_error',
    cause: error,
  });
}

/**
 * Speaks `text` once through `tts`, the way the engine streams an utterance (push the text, end,
 * read parts to `finish`), and returns the audio decoded to PCM16. An `error` part, a stream that
 * cannot open and the time limit all become a {@link PreviewSynthesisError}; on the time limit the
 * stream is aborted, which closes its connection.
 */
export async function synthesizePreview(
  tts: TtsModelV1,
  options: PreviewSynthesisOptions,
): Promise<PreviewAudio> {
  const format = tts.outputFormat;
  const maxBytes =
    ((options.maxAudioMs ?? 120_000) / 1000) * format.sampleRate * bytesPerSample(format.encoding);
  const controller = new AbortController();
  const timeout = new PreviewSynthesisError(
    tts.provider,
    `no complete audio within ${options.timeoutMs} ms`,
    { code: 'provider_timeout' },
  );
  let expired = false;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(timeout);
      // Aborting ends the stream; whatever it then reports, the time limit is the reason.
      controller.abort();
    }, options.timeoutMs);
  });
  // Raced below; this keeps a timeout that fires after the race from being an unhandled rejection.
  timedOut.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let byteCount = 0;
  try {
    const stream = await Promise.race([
      tts.stream({
        ...(options.voice !== undefined ? { voice: options.voice } : {}),
        ...(options.language !== undefined ? { language: options.language } : {}),
        ...(options.providerOptions !== undefined
          ? { providerOptions: options.providerOptions }
          : {}),
        abortSignal: controller.signal,
        logger: options.logger ?? silentLogger,
      }),
      timedOut,
    ]);
    stream.pushText(options.text);
    stream.end();
    const reader = stream.parts.getReader();
    try {
      for (;;) {
        const { value: part, done } = (await Promise.race([reader.read(), timedOut])) as {
          value: TtsStreamPart | undefined;
          done: boolean;
        };
        if (done || part === undefined || part.type === 'finish') break;
        if (part.type === 'error') throw part.error;
        if (part.type !== 'audio') continue;
        chunks.push(part.audio);
        byteCount += part.audio.length;
        if (byteCount >= maxBytes) {
          controller.abort();
          break;
        }
      }
    } finally {
      void reader.cancel().catch(() => undefined);
    }
  } catch (error) {
    controller.abort();
    throw expired ? timeout : toPreviewError(tts.provider, error);
  } finally {
    clearTimeout(timer);
  }
  if (expired) throw timeout;
  if (byteCount === 0)
    throw new PreviewSynthesisError(tts.provider, 'the provider returned no audio', {
      code: 'provider_no_audio',
    });
  const bytes = new Uint8Array(Math.min(byteCount, maxBytes));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
  }
  // One call on the whole clip: the decoder reuses its output buffer, so the result is copied.
  const samples = Int16Array.from(createPcmDecoder(format, format.sampleRate)(bytes));
  return { samples, sampleRate: format.sampleRate };
}
