import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ListenServerMessage } from '../../api/live-types.js';
import { pcm16ToFloat32, PCM_SAMPLE_RATE } from '../../audio/pcm.js';
import { createPcmPlayer, type PcmPlayer } from '../../audio/pcm-player.js';
import { isTypedMessage, parseJson } from '../../live/parse-json.js';
import { describeCloseCode, socketUrl } from '../../live/socket-url.js';

interface Session {
  readonly socket: WebSocket;
  readonly context: AudioContext;
  readonly lanes: readonly [PcmPlayer, PcmPlayer];
}

/**
 * Listen-in on a live call (`GET /v1/calls/{callId}/listen`): both lanes, the caller a little to
 * the left and the agent a little to the right, each played gaplessly at 16 kHz.
 */
export function useListenIn(callId: string) {
  const [listening, setListening] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const sessionRef = useRef<Session | null>(null);

  const stop = useCallback(() => {
    const session = sessionRef.current;
    sessionRef.current = null;
    setListening(false);
    if (session === null) return;
    session.socket.onclose = null;
    session.socket.close(1000);
    for (const lane of session.lanes) lane.close();
    void session.context.close();
  }, []);

  const start = useCallback(() => {
    if (sessionRef.current !== null) return;
    setMessage(null);
    // Created inside the click, so the browser lets it play.
    const context = new AudioContext();
    void context.resume();
    const lanes = [
      createPcmPlayer(context, { sampleRate: PCM_SAMPLE_RATE, pan: -0.4 }),
      createPcmPlayer(context, { sampleRate: PCM_SAMPLE_RATE, pan: 0.4 }),
    ] as const;
    const socket = new WebSocket(socketUrl(`/v1/calls/${encodeURIComponent(callId)}/listen`));
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
      if (typeof event.data === 'string') {
        const parsed = parseJson(event.data);
        if (isTypedMessage(parsed) && (parsed as ListenServerMessage).type === 'ended') {
          setMessage('The call ended.');
        }
        return;
      }
      if (event.data.byteLength < 3) return;
      const lane = new Uint8Array(event.data, 0, 1)[0] === 0 ? lanes[0] : lanes[1];
      lane.play(pcm16ToFloat32(event.data, 1));
    };
    socket.onclose = (event) => {
      const reason = describeCloseCode(event.code, {
        notFound: 'The call is not live on this server, so there is nothing to listen to.',
      });
      if (reason !== null) setMessage(reason);
      else if (event.code !== 1000)
        setMessage(`Listening stopped: the connection closed (code ${event.code}).`);
      stop();
    };
    sessionRef.current = { socket, context, lanes };
    setListening(true);
  }, [callId, stop]);

  useEffect(() => stop, [stop]);

  return { listening, message, start, stop };
}
