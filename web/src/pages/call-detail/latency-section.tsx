import type { TurnMetric } from '../../api/types.js';
import { DataTable } from '../../components/data-table.js';
import { formatMilliseconds } from '../../format/duration.js';
import { LatencyChart } from './latency-chart.js';
import { LATENCY_STAGES, sortedMetrics } from './latency-stages.js';

const LATENCY_COLUMNS = [
  'Turn',
  ...LATENCY_STAGES.map((stage) => ({ label: stage.label, numeric: true })),
  { label: 'Total', numeric: true },
];

/** "Latency per turn": the stacked chart and a table of the same numbers. */
export function LatencySection(props: { metrics: readonly TurnMetric[] }) {
  const metrics = sortedMetrics(props.metrics);
  return (
    <section class="card" aria-labelledby="latency-heading">
      <h2 id="latency-heading">Latency per turn</h2>
      {metrics.length === 0 ? (
        <p class="muted">No replies were measured on this call.</p>
      ) : (
        <>
          <p class="muted">
            From the end of the caller's speech to the agent's first audio, split by stage.
          </p>
          <LatencyChart metrics={metrics} />
          <DataTable
            class="latency-table"
            caption="Latency per turn, in milliseconds"
            columns={LATENCY_COLUMNS}
          >
            {metrics.map((metric) => (
              <tr key={metric.turn}>
                <th scope="row">{metric.turn}</th>
                {LATENCY_STAGES.map((stage) => (
                  <td class="number" key={stage.key}>
                    {formatMilliseconds(metric[stage.key])}
                  </td>
                ))}
                <td class="number">
                  <strong>{formatMilliseconds(metric.totalMs)}</strong>
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
