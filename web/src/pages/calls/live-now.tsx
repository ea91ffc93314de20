import { useState } from 'preact/hooks';
import type { LiveCall } from '../../api/live-types.js';
import { TurnStateBadge } from '../../components/badges.js';
import { formatTime } from '../../format/date.js';
import { formatMilliseconds } from '../../format/duration.js';
import { formatNumber } from '../../format/labels.js';
import { useEventSource, type EventSourceStatus } from '../../hooks/use-event-source.js';

function readLiveCalls(data: unknown): LiveCall[] | null {
  if (typeof data !== 'object' || data === null) return null;
  const list = (data as { data?: unknown }).data;
  return Array.isArray(list) ? (list as LiveCall[]) : null;
}

/** "Live now": the calls in progress, kept current by `GET /v1/live-calls/stream`. */
export function LiveNow() {
  const [calls, setCalls] = useState<LiveCall[] | null>(null);
  const [status, setStatus] = useState<EventSourceStatus>('connecting');

  useEventSource(
    '/v1/live-calls/stream',
    {
      'live-calls': (data) => {
        const list = readLiveCalls(data);
        if (list !== null) setCalls(list);
      },
    },
    setStatus,
  );

  return (
    <section class="card live-now" aria-labelledby="live-now-heading" data-testid="live-now">
      <h2 id="live-now-heading">Live now</h2>
      {calls === null ? (
        <p class="muted">
          {status === 'closed' ? 'Live calls cannot be shown right now.' : 'Connecting…'}
        </p>
      ) : calls.length === 0 ? (
        <p class="muted">No calls in progress.</p>
      ) : (
        <ul class="live-list">
          {calls.map((call) => (
            <li key={call.callId} class="live-item">
              <a href={`/calls/${call.callId}/live`}>
                {formatNumber(call.from)} → {formatNumber(call.to)}
              </a>
              <span>{call.agentName}</span>
              <TurnStateBadge state={call.state} />
              <span class="muted">
                since {formatTime(call.startedAt)} · {call.turns}{' '}
                {call.turns === 1 ? 'turn' : 'turns'}
                {call.lastTurnLatencyMs !== null &&
                  ` · last reply ${formatMilliseconds(call.lastTurnLatencyMs)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {calls !== null && status === 'reconnecting' && (
        <p class="muted" role="status">
          Reconnecting…
        </p>
      )}
    </section>
  );
}
