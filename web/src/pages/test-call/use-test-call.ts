import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { LiveCallEvent } from '../../api/live-types.js';
import { MicrophoneError } from '../../audio/microphone-capture.js';
import {
  applyLiveEvent,
  initialLiveCallState,
  type LiveCallState,
} from '../../live/live-call-state.js';
import { startTestCall, type TestCallSession } from './test-call-session.js';

export type TestCallPhase = 'idle' | 'starting' | 'in-call' | 'ending' | 'ended' | 'failed';

type Action =
  { readonly type: 'reset' } | { readonly type: 'event'; readonly event: LiveCallEvent };

function reduce(state: LiveCallState, action: Action): LiveCallState {
  return action.type === 'reset' ? initialLiveCallState : applyLiveEvent(state, action.event);
}

/** The test call of one agent, as the page drives and shows it. */
export function useTestCall(agentId: string) {
  const [phase, setPhase] = useState<TestCallPhase>('idle');
  const [callId, setCallId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [microphoneRefused, setMicrophoneRefused] = useState(false);
  const [live, dispatch] = useReducer(reduce, initialLiveCallState);
  const sessionRef = useRef<TestCallSession | null>(null);
  const mountedRef = useRef(true);

  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
      sessionRef.current?.dispose();
      sessionRef.current = null;
    };
  }, []);

  const start = useCallback(
    (mode: 'voice' | 'text') => {
      if (sessionRef.current !== null) return;
      dispatch({ type: 'reset' });
      setCallId(null);
      setProblem(null);
      setNotice(null);
      setMicrophoneRefused(false);
      setPhase('starting');
      // Created inside the click, so the browser lets it play sound.
      const context = new AudioContext();
      void context.resume();
      startTestCall(agentId, mode, context, {
        onCall: (id) => {
          setCallId(id);
          setPhase('in-call');
        },
        onEvent: (event) => dispatch({ type: 'event', event }),
        onNotice: setNotice,
        onEnded: (reason) => {
          sessionRef.current = null;
          setProblem(reason);
          setPhase((previous) => (reason !== null && previous === 'starting' ? 'failed' : 'ended'));
        },
      }).then(
        (session) => {
          if (mountedRef.current) sessionRef.current = session;
          else session.dispose();
        },
        (error: unknown) => {
          void context.close();
          setMicrophoneRefused(error instanceof MicrophoneError && error.denied);
          setProblem(error instanceof Error ? error.message : String(error));
          setPhase('failed');
        },
      );
    },
    [agentId],
  );

  const hangUp = useCallback(() => {
    setPhase('ending');
    sessionRef.current?.hangUp();
  }, []);

  const sendText = useCallback((text: string) => sessionRef.current?.sendText(text), []);

  return { phase, callId, problem, notice, microphoneRefused, live, start, hangUp, sendText };
}
