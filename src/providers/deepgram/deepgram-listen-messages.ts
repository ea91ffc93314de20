import { ProviderError } from '../../errors/provider-error.js';
import type { SttStreamPart, SttWord } from '../spec/stt-model-v1.js';

/** What one server frame of `/v1/listen` means for the parts stream. */
export interface DeepgramListenEvent {
  readonly parts: readonly SttStreamPart[];
  /** The frame was an `Error` message: the socket will close; no second error for the close. */
  readonly isError?: boolean;
  /** A message type we do not map (logged at debug level by the caller). */
  readonly ignoredType?: string;
}

const none: DeepgramListenEvent = { parts: [] };

/**
 * Maps one parsed JSON frame to stream parts. Never throws: fields of the wrong type are treated
 * as missing.
 *
 * Empty transcripts: an empty interim is dropped, and so is an empty final that ends nothing. An
 * empty final with `speech_final` (or `from_finalize`) is passed on with text `''`, because it still
 * tells the engine that the turn may be over; text concatenation is unaffected. A `from_finalize`
 * final is reported with `speechFinal: true`: the engine calls `finalize()` when it decided the
 * caller stopped, so that result closes the turn.
 */
export function mapDeepgramListenMessage(message: Record<string, unknown>): DeepgramListenEvent {
  switch (message['type']) {
    case 'Results':
      return { parts: mapResults(message) };
    case 'SpeechStarted': {
      const timestamp = numberField(message, 'timestamp');
      return {
        parts: [
          timestamp === undefined
            ? { type: 'speech-start' }
            : { type: 'speech-start', timestampMs: Math.round(timestamp * 1000) },
        ],
      };
    }
    case 'UtteranceEnd':
      return { parts: [{ type: 'utterance-end' }] };
    case 'Metadata': {
      const duration = numberField(message, 'duration');
      return duration === undefined ? none : { parts: [{ type: 'usage', audioSeconds: duration }] };
    }
    case 'Error':
      return { parts: [{ type: 'error', error: errorFromMessage(message) }], isError: true };
    default:
      return {
        parts: [],
        ignoredType: typeof message['type'] === 'string' ? message['type'] : 'unknown',
      };
  }
}

function mapResults(message: Record<string, unknown>): SttStreamPart[] {
  const channel = recordField(message, 'channel');
  const alternatives = channel?.['alternatives'];
  const first: unknown = Array.isArray(alternatives) ? alternatives[0] : undefined;
  const alternative = isRecord(first) ? first : {};
  const transcript =
    typeof alternative['transcript'] === 'string' ? alternative['transcript'].trim() : '';
  const confidence = numberField(alternative, 'confidence');
  const isFinal = message['is_final'] === true;
  if (!isFinal) {
    if (transcript === '') return [];
    return [
      {
        type: 'transcript-partial',
        text: transcript,
        ...(confidence === undefined ? {} : { confidence }),
      },
    ];
  }
  const speechFinal = message['speech_final'] === true || message['from_finalize'] === true;
  if (transcript === '' && !speechFinal) return [];
  const words = mapWords(alternative['words']);
  return [
    {
      type: 'transcript-final',
      text: transcript,
      speechFinal,
      ...(confidence === undefined || transcript === '' ? {} : { confidence }),
      ...(words.length === 0 ? {} : { words }),
    },
  ];
}

function mapWords(value: unknown): SttWord[] {
  if (!Array.isArray(value)) return [];
  const words: SttWord[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const text =
      typeof item['punctuated_word'] === 'string' ? item['punctuated_word'] : item['word'];
    const start = numberField(item, 'start');
    const end = numberField(item, 'end');
    if (typeof text !== 'string' || start === undefined || end === undefined) continue;
    const confidence = numberField(item, 'confidence');
    words.push({ word: text, start, end, ...(confidence === undefined ? {} : { confidence }) });
  }
  return words;
}

function errorFromMessage(message: Record<string, unknown>): ProviderError {
  const description =
    stringField(message, 'description') ?? stringField(message, 'message') ?? 'unknown error';
  const variant = stringField(message, 'variant') ?? stringField(message, 'err_code');
  const suffix = variant === undefined ? '' : ` (${variant})`;
  return new ProviderError(`Deepgram reported an error${suffix}: ${description.slice(0, 300)}`, {
    provider: 'deepgram',
    code: 'provider_error',
    retryable: false,
  });
}

/** Maps a close the client did not ask for to an error; codes follow Deepgram's close reasons. */
export function errorFromDeepgramClose(code: number, reason: string): ProviderError {
  const detail = reason === '' ? '' : `: ${reason.slice(0, 200)}`;
  if (code === 1008) {
    return new ProviderError(
      `Deepgram closed the stream because it could not use the audio (code 1008${detail})`,
      {
        provider: 'deepgram',
        code: 'provider_error',
        retryable: false,
      },
    );
  }
  const message =
    code === 1011 && reason.includes('NET-0001')
      ? `Deepgram closed the stream after receiving no audio or KeepAlive (code 1011${detail})`
      : `Deepgram connection dropped (code ${code}${detail})`;
  return new ProviderError(message, {
    provider: 'deepgram',
    code: 'connection_lost',
    retryable: true,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recordField(
  record: Record<string, unknown>,
  key: string,
): Record<string, unknown> | undefined {
  const value = record[key];
  return isRecord(value) ? value : undefined;
}

function numberField(record: Record<string, unknown>, key: string): number | undefined {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
