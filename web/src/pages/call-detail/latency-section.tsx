import type { TurnMetric } from '../../api/types.js';
import { formatMilliseconds } from '../../format/duration.js';
import { LatencyChart } from './latency-chart.js';
import { LATENCY_STAGES, sortedMetrics } from './latency-stages.js';

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
          <div class="table-scroll">
            <table class="table latency-table">
              <caption class="visually-hidden">Latency per turn, in milliseconds</caption>
              <thead>
                <tr>
                  <th scope="col">Turn</th>
                  {LATENCY_STAGES.map((stage) => (
                    <th scope="col" class="number" key={stage.key}>
                      {stage.label}
                    </th>
                  ))}
                  <th scope="col" class="number">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
