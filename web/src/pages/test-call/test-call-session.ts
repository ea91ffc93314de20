import type { LiveCallEvent, TestCallServerMessage } from '../../api/live-types.js';
import { pcm16ToFloat32 } from '../../audio/pcm.js';
import { createPcmPlayer } from '../../audio/pcm-player.js';
import { startMicrophoneCapture, type MicrophoneCapture } from '../../audio/microphone-capture.js';
import { isTypedMessage, parseJson } from '../../live/parse-json.js';
import { describeCloseCode, socketUrl } from '../../live/socket-url.js';

/** What a test call reports to the page. */
export interface TestCallListener {
  onCall(callId: string): void;
  onEvent(event: LiveCallEvent): void;
  /** A malformed message of ours, or a server notice; the call goes on. */
  onNotice(message: string): void;
  /** The call is over; `problem` says why when it did not end normally. */
  onEnded(problem: string | null): void;
}

/** A running test call. */
export interface TestCallSession {
  sendText(text: string): void;
  hangUp(): void;
  /** Leaves at once (the page is closing). */
  dispose(): void;
}

/**
 * Starts a browser test call (`GET /v1/agents/{agentId}/test-call`, docs/live-calls.md): opens
 * the microphone first in voice mode (so a refusal starts no call), then the socket; plays the
 * agent's 16 kHz PCM gaplessly and drops it on `clear`. Throws a MicrophoneError.
 * `context` must be created inside the click that starts the call.
 */
export async function startTestCall(
  agentId: string,
  mode: 'voice' | 'text',
  context: AudioContext,
  listener: TestCallListener,
): Promise<TestCallSession> {
  let socket: WebSocket | null = null;
  const microphone: MicrophoneCapture | null =
    mode === 'voice'
      ? await startMicrophoneCapture(context, (frame) => {
          if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        })
      : null;
  const player = createPcmPlayer(context);
  let finished = false;

  const release = (afterPlayout: boolean) => {
    microphone?.stop();
    // Let the agent's last words (a goodbye) play out before closing the audio.
    const delayMs = afterPlayout ? player.remainingSeconds() * 1000 + 100 : 0;
    window.setTimeout(() => {
      player.close();
      void context.close();
    }, delayMs);
  };

  const path = `/v1/agents/${encodeURIComponent(agentId)}/test-call${mode === 'text' ? '?mode=text' : ''}`;
  const opened = new WebSocket(socketUrl(path));
  socket = opened;
  opened.binaryType = 'arraybuffer';
  let callStarted = false;

  opened.onmessage = (message: MessageEvent<ArrayBuffer | string>) => {
    if (typeof message.data !== 'string') {
      player.play(pcm16ToFloat32(message.data));
      return;
    }
    const parsed = parseJson(message.data);
    if (!isTypedMessage(parsed)) return;
    const data = parsed as TestCallServerMessage;
    if (data.type === 'call') {
      callStarted = true;
      listener.onCall(data.callId);
    } else if (data.type === 'event') listener.onEvent(data.event);
    else if (data.type === 'clear') player.clear();
    else if (data.type === 'error') listener.onNotice(data.message);
    else if (data.type === 'ended') {
      finished = true;
      listener.onEnded(null);
    }
  };

  opened.onclose = (event) => {
    const normal = finished || event.code === 1000;
    if (!finished) {
      finished = true;
      const problem = normal
        ? null
        : (describeCloseCode(event.code, {
            notFound: 'This agent does not exist (or belongs to another organisation).',
          }) ??
          (callStarted
            ? `The connection to the server was lost (code ${event.code}).`
            : `The test call could not start: the server closed the connection (code ${event.code}${event.reason === '' ? '' : `, ${event.reason}`}).`));
      listener.onEnded(problem);
    }
    release(normal);
  };

  return {
    sendText(text) {
      if (opened.readyState === WebSocket.OPEN) opened.send(JSON.stringify({ type: 'text', text }));
    },
    hangUp() {
      microphone?.stop();
      if (opened.readyState === WebSocket.OPEN) opened.send(JSON.stringify({ type: 'hangup' }));
      else opened.close();
      // If the server does not answer, leave anyway.
      window.setTimeout(() => {
        if (opened.readyState !== WebSocket.CLOSED) opened.close(1000);
      }, 5000);
    },
    dispose() {
      opened.onmessage = null;
      if (opened.readyState === WebSocket.OPEN) opened.send(JSON.stringify({ type: 'hangup' }));
      opened.close(1000);
      opened.onclose = null;
      release(false);
    },
  };
}
