import type { CallSummary } from '../../api/types.js';
import { OutcomeBadge, SentimentBadge } from '../../components/badges.js';
import { formatDateTime } from '../../format/date.js';
import { formatDuration, formatMilliseconds } from '../../format/duration.js';
import { formatNumber } from '../../format/labels.js';

/** One page of calls; each row links to the call's page. */
export function CallsTable(props: { calls: CallSummary[] }) {
  return (
    <div class="table-scroll">
      <table class="table calls-table">
        <caption class="visually-hidden">Calls, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">From → To</th>
            <th scope="col">Agent</th>
            <th scope="col" class="number">
              Duration
            </th>
            <th scope="col">Outcome</th>
            <th scope="col">Sentiment</th>
            <th scope="col" class="number">
              p50 latency
            </th>
          </tr>
        </thead>
        <tbody>
          {props.calls.map((call) => (
            <tr key={call.id} data-testid="call-row">
              <td>
                <a class="row-link" href={`/calls/${call.id}`}>
                  {formatDateTime(call.createdAt)}
                </a>
              </td>
              <td class="call-parties">
                {formatNumber(call.from)} <span aria-label="to">→</span> {formatNumber(call.to)}
                {call.direction === 'outbound' && <span class="muted"> (outbound)</span>}
              </td>
              <td>
                {call.agentName ?? <span class="muted">none</span>}
                {call.agentVersion !== null && <span class="muted"> v{call.agentVersion}</span>}
              </td>
              <td class="number">{formatDuration(call.durationMs)}</td>
              <td>
                <OutcomeBadge call={call} />
              </td>
              <td>
                <SentimentBadge sentiment={call.sentiment} />
              </td>
              <td class="number">{formatMilliseconds(call.latencyP50Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
