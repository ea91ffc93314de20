import { useState } from 'preact/hooks';
import type { StatsOverview } from '../../api/admin-types.js';
import { apiGet } from '../../api/client.js';
import { useSession } from '../../hooks/use-session.js';
import './admin.css';
import { formatCost, formatCount, formatLatency, formatMinutes } from './format.js';
import { EmptyNotice } from './notices.js';
import { getPath, readText } from './object-paths.js';
import { OutcomesBar } from './outcomes-bar.js';
import { CallsPerDayChart, LatencyChart } from './overview-day-charts.js';
import { ProviderUsage } from './overview-provider-usage.js';
import { ResourceView } from './resource-view.js';
import { periodRange, usableTimeZone } from './stats-period.js';
import { useResource } from './use-resource.js';

const PERIODS = [7, 30, 90] as const;
type Period = (typeof PERIODS)[number];

function PeriodPicker({ value, onValue }: { value: Period; onValue: (value: Period) => void }) {
  return (
    <div class="admin-segmented" role="group" aria-label="Period">
      {PERIODS.map((days) => (
        <button
          key={days}
          type="button"
          class={days === value ? 'button primary' : 'button'}
          aria-pressed={days === value}
          onClick={() => onValue(days)}
        >
          {days} days
        </button>
      ))}
    </div>
  );
}

function TotalCard({ label, value }: { label: string; value: string }) {
  return (
    <div class="card admin-total">
      <dt class="muted">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Totals({ totals }: { totals: StatsOverview['totals'] }) {
  return (
    <dl class="admin-totals">
      <TotalCard label="Calls" value={formatCount(totals.calls)} />
      <TotalCard label="Minutes" value={formatMinutes(totals.minutes)} />
      <TotalCard label="Estimated cost" value={formatCost(totals.cost)} />
      <TotalCard label="Average latency" value={formatLatency(totals.avgLatencyMs)} />
      <TotalCard label="95th percentile latency" value={formatLatency(totals.p95LatencyMs)} />
    </dl>
  );
}

/** Calls, outcomes, latency and provider cost over the last 7, 30 or 90 days. */
export function OverviewPage() {
  const [period, setPeriod] = useState<Period>(30);
  // The session answer carries the organisation's time zone; the shell's type leaves it out.
  const { session } = useSession();
  const timeZone = usableTimeZone(readText(getPath(session, 'organization.timeZone')) || undefined);
  const stats = useResource(
    () => apiGet<StatsOverview>('/v1/stats/overview', periodRange(period, timeZone)),
    [period, timeZone],
  );
  return (
    <section class="page admin-page">
      <header class="page-header admin-header">
        <h1>Overview</h1>
        <PeriodPicker value={period} onValue={setPeriod} />
      </header>
      <ResourceView resource={stats} what="statistics">
        {(data) => (
          <div aria-busy={stats.loading}>
            <Totals totals={data.totals} />
            {data.totals.calls === 0 ? (
              <EmptyNotice>
                <p>No calls in the last {period} days.</p>
                <p class="muted">
                  Assign an agent to a phone number on the <a href="/numbers">Numbers</a> page, or
                  try an agent from the <a href="/agents">Agents</a> page with a test call.
                </p>
              </EmptyNotice>
            ) : (
              <div class="admin-chart-grid">
                <CallsPerDayChart days={data.days} />
                <OutcomesBar outcomes={data.outcomes} />
                <LatencyChart days={data.days} />
                <ProviderUsage providers={data.providers} />
              </div>
            )}
          </div>
        )}
      </ResourceView>
    </section>
  );
}
