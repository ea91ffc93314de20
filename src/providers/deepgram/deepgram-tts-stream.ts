import type { RawData } from 'ws';
import { ProviderError } from '../../errors/provider-error.js';
import type { TtsStreamV1 } from '../spec/tts-model-v1.js';
import {
  parseJsonObject,
  rawDataToBytes,
  rawDataToText,
  type OpenSocket,
} from '../shared/provider-socket.js';
import {
  SocketTtsStream,
  type SocketTtsControl,
  type SocketTtsStreamOptions,
  type SocketTtsWire,
} from '../shared/socket-tts-stream.js';

/**
 * The `/v1/speak` messages: `Speak` per piece, `Flush` on `end()`, `finish` after `Flushed`, then
 * `Close`; barge-in sends `Clear` so Deepgram drops what it buffered.
 */
const deepgramSpeakWire: SocketTtsWire = {
  provider: 'deepgram',
  displayName: 'Deepgram TTS',
  textMessage: (piece) => JSON.stringify({ type: 'Speak', text: piece }),
  endMessages: [JSON.stringify({ type: 'Flush' })],
  finishMessage: JSON.stringify({ type: 'Close' }),
  abortMessage: JSON.stringify({ type: 'Clear' }),
  earlyCloseLogMessage: 'Deepgram TTS connection closed before Flushed',
  handleFrame: handleSpeakFrame,
};

/** One agent utterance on an open `/v1/speak` socket. */
export function createDeepgramTtsStream(
  opened: OpenSocket,
  options: SocketTtsStreamOptions,
): TtsStreamV1 {
  return new SocketTtsStream(opened, options, deepgramSpeakWire);
}

function handleSpeakFrame(data: RawData, isBinary: boolean, control: SocketTtsControl): void {
  if (isBinary) {
    control.audio(rawDataToBytes(data));
    return;
  }
  const message = parseJsonObject(rawDataToText(data));
  if (message === undefined) {
    control.logger.warn('Deepgram TTS sent a frame that is not a JSON object, ignoring it');
    return;
  }
  switch (message['type']) {
    case 'Flushed':
      if (control.isEnded()) control.finish();
      return;
    case 'Warning':
      control.logger.warn(
        { code: message['code'], description: message['description'] },
        'Deepgram TTS warning',
      );
      return;
    case 'Error':
      control.fail(errorFromMessage(message));
      return;
    default:
      control.logger.debug(
        { messageType: String(message['type']) },
        'Deepgram TTS message ignored',
      );
  }
}

function errorFromMessage(message: Record<string, unknown>): ProviderError {
  const description = message['description'] ?? message['err_msg'] ?? message['message'];
  const code = message['code'] ?? message['err_code'];
  return new ProviderError(
    `Deepgram TTS reported an error${typeof code === 'string' ? ` (${code})` : ''}: ${String(description ?? 'unknown error').slice(0, 300)}`,
    { provider: 'deepgram', code: 'provider_error', retryable: false },
  );
}
