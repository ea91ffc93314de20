import { describe, expect, it } from 'vitest';
import { errorFromDeepgramClose, mapDeepgramListenMessage } from './deepgram-listen-messages.js';

function results(transcript: string, flags: Record<string, boolean>): Record<string, unknown> {
  return {
    type: 'Results',
    channel_index: [0, 1],
    ...flags,
    channel: {
      alternatives: [
        {
          transcript,
          confidence: 0.9,
          words:
            transcript === ''
              ? []
              : [{ word: 'hi', start: 0.1, end: 0.4, confidence: 0.9, punctuated_word: 'Hi.' }],
        },
      ],
    },
  };
}

describe('mapDeepgramListenMessage', () => {
  it('maps interim and final results', () => {
    expect(mapDeepgramListenMessage(results('Hi.', { is_final: false })).parts).toEqual([
      { type: 'transcript-partial', text: 'Hi.', confidence: 0.9 },
    ]);
    expect(
      mapDeepgramListenMessage(results('Hi.', { is_final: true, speech_final: false })).parts,
    ).toEqual([
      {
        type: 'transcript-final',
        text: 'Hi.',
        confidence: 0.9,
        speechFinal: false,
        words: [{ word: 'Hi.', start: 0.1, end: 0.4, confidence: 0.9 }],
      },
    ]);
  });

  it('drops empty interims and empty finals that end nothing, keeps empty speech-final ones', () => {
    expect(mapDeepgramListenMessage(results('', { is_final: false })).parts).toEqual([]);
    expect(
      mapDeepgramListenMessage(results('', { is_final: true, speech_final: false })).parts,
    ).toEqual([]);
    expect(
      mapDeepgramListenMessage(results('', { is_final: true, speech_final: true })).parts,
    ).toEqual([{ type: 'transcript-final', text: '', speechFinal: true }]);
    expect(
      mapDeepgramListenMessage(results('', { is_final: true, from_finalize: true })).parts,
    ).toEqual([{ type: 'transcript-final', text: '', speechFinal: true }]);
  });

  it('maps VAD, utterance end, metadata and errors', () => {
    expect(
      mapDeepgramListenMessage({ type: 'SpeechStarted', channel: [0, 1], timestamp: 1.25 }).parts,
    ).toEqual([{ type: 'speech-start', timestampMs: 1250 }]);
    expect(mapDeepgramListenMessage({ type: 'UtteranceEnd', last_word_end: 2 }).parts).toEqual([
      { type: 'utterance-end' },
    ]);
    expect(mapDeepgramListenMessage({ type: 'Metadata', duration: 12.5 }).parts).toEqual([
      { type: 'usage', audioSeconds: 12.5 },
    ]);
    const error = mapDeepgramListenMessage({
      type: 'Error',
      description: 'bad audio',
      variant: 'DATA-0000',
    });
    expect(error.isError).toBe(true);
    expect(error.parts[0]?.type === 'error' && error.parts[0].error.message).toMatch(
      /DATA-0000.*bad audio/,
    );
  });

  it('never throws on odd shapes', () => {
    for (const message of [
      {},
      { type: 'Results' },
      { type: 'Results', is_final: true, speech_final: true, channel: null },
      { type: 'Results', channel: { alternatives: [null] } },
      {
        type: 'Results',
        is_final: true,
        channel: { alternatives: [{ transcript: 'a', words: [null, { word: 3 }] }] },
      },
      { type: 'Metadata', duration: 'long' },
      { type: 42 },
    ]) {
      expect(() => mapDeepgramListenMessage(message)).not.toThrow();
    }
    expect(mapDeepgramListenMessage({ type: 'Mystery' }).ignoredType).toBe('Mystery');
  });

  it('classifies close codes', () => {
    expect(errorFromDeepgramClose(1011, 'NET-0001 timeout')).toMatchObject({
      retryable: true,
      code: 'connection_lost',
    });
    expect(errorFromDeepgramClose(1006, '')).toMatchObject({ retryable: true });
    expect(errorFromDeepgramClose(1008, 'DATA-0000')).toMatchObject({ retryable: false });
  });
});
