import { randomUUID } from 'node:crypto';

/** Builders for Deepgram `/v1/listen` server messages in their real shape. */

export const fakeModelUuid = '1abfe86b-e047-4eed-858a-35e5625b41ee';
const modelInfo = { name: '2-general-nova', version: '2024-01-18.26916', arch: 'nova-3' };

export interface ResultsInput {
  readonly requestId: string;
  readonly words: readonly string[];
  readonly startSec: number;
  readonly endSec: number;
  readonly isFinal: boolean;
  readonly speechFinal: boolean;
  readonly fromFinalize: boolean;
  /** smart_format / punctuate: keep case and punctuation in the transcript. */
  readonly formatted: boolean;
}

/** A `Results` message; word timings are spread evenly over the span. */
export function buildResults(input: ResultsInput): Record<string, unknown> {
  const span = Math.max(0, input.endSec - input.startSec);
  const slot = input.words.length === 0 ? 0 : span / input.words.length;
  const confidence = input.isFinal ? 0.98 : 0.9;
  const words = input.words.map((original, index) => ({
    word: normalizeWord(original),
    start: round(input.startSec + index * slot),
    end: round(input.startSec + (index + 1) * slot),
    confidence,
    ...(input.formatted ? { punctuated_word: original } : {}),
  }));
  const transcript = input.formatted
    ? input.words.join(' ')
    : words
        .map((word) => word.word)
        .filter((word) => word !== '')
        .join(' ');
  return {
    type: 'Results',
    channel_index: [0, 1],
    duration: round(span),
    start: round(input.startSec),
    is_final: input.isFinal,
    speech_final: input.speechFinal,
    from_finalize: input.fromFinalize,
    channel: {
      alternatives: [{ transcript, confidence: input.words.length === 0 ? 0 : confidence, words }],
    },
    metadata: { request_id: input.requestId, model_info: modelInfo, model_uuid: fakeModelUuid },
  };
}

export function buildSpeechStarted(timestampSec: number): Record<string, unknown> {
  return { type: 'SpeechStarted', channel: [0, 1], timestamp: round(timestampSec) };
}

export function buildUtteranceEnd(lastWordEndSec: number): Record<string, unknown> {
  return { type: 'UtteranceEnd', channel: [0, 1], last_word_end: round(lastWordEndSec) };
}

export function buildListenMetadata(
  requestId: string,
  durationSec: number,
): Record<string, unknown> {
  return {
    type: 'Metadata',
    transaction_key: 'deprecated',
    request_id: requestId,
    sha256: '',
    created: new Date().toISOString(),
    duration: round(durationSec),
    channels: 1,
    models: [fakeModelUuid],
    model_info: { [fakeModelUuid]: modelInfo },
  };
}

export function newRequestId(): string {
  return randomUUID();
}

function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const numberWords = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

/** The phrase used past the end of a script: "utterance three" for the third utterance. */
export function generatedPhrase(utteranceNumber: number): string {
  return `utterance ${numberWords[utteranceNumber] ?? String(utteranceNumber)}`;
}
