import type { CallDetail } from '../../api/types.js';
import { OutcomeBadge } from '../../components/badges.js';
import { formatFullDateTime } from '../../format/date.js';
import { formatDuration } from '../../format/duration.js';
import { humanize, formatNumber } from '../../format/labels.js';
import { formatMoney } from '../../format/money.js';

/** The call's facts at a glance: who, which agent, when, how long, how it ended, what it cost. */
export function CallHeader(props: { call: CallDetail }) {
  const { call } = props;
  return (
    <section class="card" aria-label="Call summary">
      <dl class="facts call-facts">
        <dt>From</dt>
        <dd>{formatNumber(call.from)}</dd>
        <dt>To</dt>
        <dd>{formatNumber(call.to)}</dd>
        <dt>Agent</dt>
        <dd>
          {call.agentId !== null && call.agentName !== null ? (
            <a href={`/agents/${call.agentId}`}>{call.agentName}</a>
          ) : (
            (call.agentName ?? <span class="muted">none</span>)
          )}
          {call.agentVersion !== null && <span class="muted"> version {call.agentVersion}</span>}
        </dd>
        <dt>Direction</dt>
        <dd>
          {humanize(call.direction)} <span class="muted">via {call.carrier}</span>
        </dd>
        <dt>Started</dt>
        <dd>{formatFullDateTime(call.answeredAt ?? call.createdAt)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(call.durationMs)}</dd>
        <dt>Outcome</dt>
        <dd>
          <OutcomeBadge call={call} />
          {call.endReason !== null && <span class="muted"> {humanize(call.endReason)}</span>}
        </dd>
        <dt>Cost</dt>
        <dd>{formatMoney(call.totalCost)}</dd>
      </dl>
    </section>
  );
}
