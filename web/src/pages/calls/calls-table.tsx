import type { CallSummary } from '../../api/types.js';
import { OutcomeBadge, SentimentBadge } from '../../components/badges.js';
import { DataTable } from '../../components/data-table.js';
import { formatDateTime } from '../../format/date.js';
import { formatDuration, formatMilliseconds } from '../../format/duration.js';
import { formatNumber } from '../../format/labels.js';

const CALL_COLUMNS = [
  'Time',
  'From → To',
  'Agent',
  { label: 'Duration', numeric: true },
  'Outcome',
  'Sentiment',
  { label: 'p50 latency', numeric: true },
] as const;

/** One page of calls; each row links to the call's page. */
export function CallsTable(props: { calls: readonly CallSummary[] }) {
  return (
    <DataTable class="calls-table" caption="Calls, newest first" columns={CALL_COLUMNS}>
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
    </DataTable>
  );
}
