import type { RawData } from 'ws';
import { ProviderError } from '../../errors/provider-error.js';
import type { TtsStreamV1 } from '../spec/tts-model-v1.js';
import { parseJsonObject, rawDataToText, type OpenSocket } from '../shared/provider-socket.js';
import {
  SocketTtsStream,
  type SocketTtsControl,
  type SocketTtsStreamOptions,
  type SocketTtsWire,
} from '../shared/socket-tts-stream.js';

/**
 * The `stream-input` messages: `{text}` per piece, the first one flushed; `end()` sends a flush and
 * then the empty-text close, and `finish` follows `isFinal: true`. The single-context socket has no
 * clear message, so barge-in only closes it.
 */
const elevenLabsStreamInputWire: SocketTtsWire = {
  provider: 'elevenlabs',
  displayName: 'ElevenLabs',
  // The engine hands over whole clauses. The first one is flushed so the caller hears the agent
  // without waiting for the chunk schedule to fill; later text follows the schedule. Blank pieces
  // never get here (an empty text would close the ElevenLabs stream).
  textMessage: (piece, first) =>
    JSON.stringify(first ? { text: piece, flush: true } : { text: piece }),
  // Flush generates the buffered tail now; the empty text then asks for isFinal and the close.
  endMessages: [JSON.stringify({ text: ' ', flush: true }), JSON.stringify({ text: '' })],
  // A policy close (1008) repeats on a retry.
  isRetryableClose: (code) => code !== 1008,
  earlyCloseLogMessage: 'ElevenLabs connection closed before isFinal',
  handleFrame: handleStreamInputFrame,
};

/** One agent utterance on an open `stream-input` socket whose init message was already sent. */
export function createElevenLabsTtsStream(
  opened: OpenSocket,
  options: SocketTtsStreamOptions,
): TtsStreamV1 {
  return new SocketTtsStream(opened, options, elevenLabsStreamInputWire);
}

function handleStreamInputFrame(data: RawData, isBinary: boolean, control: SocketTtsControl): void {
  const message = isBinary ? undefined : parseJsonObject(rawDataToText(data));
  if (message === undefined) {
    control.logger.warn('ElevenLabs sent a frame that is not a JSON object, ignoring it');
    return;
  }
  if (message['error'] !== undefined && message['error'] !== null) {
    control.fail(errorFromMessage(message));
    return;
  }
  const audio = message['audio'];
  if (typeof audio === 'string' && audio !== '') {
    control.audio(new Uint8Array(Buffer.from(audio, 'base64')));
  }
  if (message['isFinal'] === true) control.finish();
}

function errorFromMessage(message: Record<string, unknown>): ProviderError {
  const kind = typeof message['error'] === 'string' ? message['error'] : 'error';
  const text = typeof message['message'] === 'string' ? message['message'] : 'no message';
  return new ProviderError(
    `ElevenLabs reported an error (${kind.slice(0, 80)}): ${text.slice(0, 300)}`,
    {
      provider: 'elevenlabs',
      code: 'provider_error',
      retryable: false,
    },
  );
}
