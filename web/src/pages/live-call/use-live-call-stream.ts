import { useReducer, useRef, useState } from 'preact/hooks';
import { ApiError, apiGet } from '../../api/client.js';
import type { LiveCall, LiveCallEvent, LiveSnapshot } from '../../api/live-types.js';
import type { CallSummary } from '../../api/types.js';
import { useEventSource, type EventSourceStatus } from '../../hooks/use-event-source.js';
import {
  applyLiveEvent,
  applyLiveEvents,
  initialLiveCallState,
  type LiveCallState,
} from '../../live/live-call-state.js';
import { isTypedMessage } from '../../live/parse-json.js';

/**
 * Where the page is: waiting for the snapshot, following the call, told the call is not live
 * here, the call does not exist, or the stream failed for another reason.
 */
export type LivePhase = 'connecting' | 'live' | 'not-live' | 'missing' | 'failed';

type Action =
  | { readonly type: 'events'; readonly events: readonly LiveCallEvent[] }
  | { readonly type: 'event'; readonly event: LiveCallEvent };

function reduce(state: LiveCallState, action: Action): LiveCallState {
  return action.type === 'events'
    ? applyLiveEvents(state, action.events)
    : applyLiveEvent(state, action.event);
}

function readSnapshot(data: unknown): LiveSnapshot | null {
  if (typeof data !== 'object' || data === null) return null;
  const { call, events } = data as Partial<LiveSnapshot>;
  return call !== undefined && Array.isArray(events) ? { call, events } : null;
}

/**
 * Follows `GET /v1/calls/{callId}/live`: the snapshot, then each event, until `call-ended` or
 * `not-live` (the stream is then closed, so the browser does not reconnect). When the stream
 * cannot be opened, the call record tells whether the call exists.
 */
export function useLiveCallStream(callId: string) {
  const [state, dispatch] = useReducer(reduce, initialLiveCallState);
  const [call, setCall] = useState<LiveCall | null>(null);
  const [phase, setPhase] = useState<LivePhase>('connecting');
  const [reconnecting, setReconnecting] = useState(false);
  // Read by the status callback, which can run before the next render.
  const phaseRef = useRef<LivePhase>('connecting');
  const changePhase = (next: LivePhase) => {
    phaseRef.current = next;
    setPhase(next);
  };

  const explainClosedStream = () => {
    apiGet<CallSummary>(`/v1/calls/${encodeURIComponent(callId)}`).then(
      (record) => changePhase(record.status === 'in-progress' ? 'failed' : 'not-live'),
      (error: unknown) =>
        changePhase(
          error instanceof ApiError && (error.status === 404 || error.status === 422)
            ? 'missing'
            : 'failed',
        ),
    );
  };

  const onStatus = (status: EventSourceStatus) => {
    setReconnecting(status === 'reconnecting');
    if (status === 'closed' && phaseRef.current === 'connecting') explainClosedStream();
  };

  useEventSource(
    `/v1/calls/${encodeURIComponent(callId)}/live`,
    {
      snapshot: (data) => {
        const snapshot = readSnapshot(data);
        if (snapshot === null) return;
        setCall(snapshot.call);
        dispatch({ type: 'events', events: snapshot.events });
        changePhase('live');
      },
      'call-event': (data, source) => {
        if (!isTypedMessage(data)) return;
        const event = data as LiveCallEvent;
        dispatch({ type: 'event', event });
        if (event.type === 'call-ended') source.close();
      },
      'not-live': (_data, source) => {
        source.close();
        changePhase('not-live');
      },
    },
    onStatus,
  );

  return { state, call, phase, reconnecting };
}
