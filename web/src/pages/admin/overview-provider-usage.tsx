import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import type { StatsOverview } from '../../api/admin-types.js';
import { ChartFigure } from './chart-figure.js';
import { ChartTable } from './chart-table.js';
import { themedAxis, type ChartTheme } from './chart-theme.js';
import { formatCost, formatMinutes } from './format.js';
import { UplotChart, asBars, type ChartOptions } from './uplot-chart.js';

type Providers = StatsOverview['providers'];

const KIND_LABELS: Readonly<Record<string, string>> = {
  stt: 'Speech recognition',
  llm: 'Language model',
  tts: 'Voice',
  telephony: 'Telephony',
  carrier: 'Telephony',
};

/** `Speech recognition: deepgram`, or the raw kind when it is one we do not know yet. */
export function providerLabel(entry: Providers[number]): string {
  return `${KIND_LABELS[entry.kind] ?? entry.kind}: ${entry.provider}`;
}

/** The axis has little room per bar: the provider, and the kind in short on a second line. */
function axisLabel(entry: Providers[number]): string {
  return `${entry.provider}\n${entry.kind}`;
}

/** Minutes (left axis) and cost (right axis) per provider, side by side, plus the same as a table. */
export function ProviderUsage({ providers }: { providers: Providers }) {
  const labels = useMemo(() => providers.map(providerLabel), [providers]);
  const axisLabels = useMemo(() => providers.map(axisLabel), [providers]);
  const data = useMemo<uPlot.AlignedData>(
    () => [
      providers.map((_entry, index) => index),
      providers.map((entry) => entry.minutes),
      providers.map((entry) => Number(entry.cost)),
    ],
    [providers],
  );
  const options = useMemo(
    () =>
      (theme: ChartTheme): ChartOptions => ({
        scales: {
          // Categories, not time: one slot per provider with half a slot of margin each side.
          x: { time: false, range: [-0.5, Math.max(labels.length - 0.5, 0.5)] },
          minutes: { range: (_chart, _min, max) => [0, Math.max(max, 1)] },
          cost: { range: (_chart, _min, max) => [0, Math.max(max, 0.01)] },
        },
        axes: [
          {
            ...themedAxis(theme),
            splits: () => labels.map((_label, index) => index),
            values: (_chart, ticks) => ticks.map((tick) => axisLabels[tick] ?? ''),
            size: 56,
            grid: { show: false },
          },
          { ...themedAxis(theme), scale: 'minutes', label: 'Minutes' },
          {
            ...themedAxis(theme),
            scale: 'cost',
            side: 1,
            label: 'Cost (USD)',
            grid: { show: false },
            values: (_chart, ticks) => ticks.map((tick) => `$${tick}`),
          },
        ],
        series: [
          { label: 'Provider', value: (_chart, index) => labels[index] ?? '' },
          asBars(
            {
              label: 'Minutes',
              scale: 'minutes',
              stroke: theme.series[0],
              fill: theme.series[0],
              points: { show: false },
            },
            { size: [0.35, 40], align: -1 },
          ),
          asBars(
            {
              label: 'Cost',
              scale: 'cost',
              stroke: theme.series[3],
              fill: theme.series[3],
              points: { show: false },
              value: (_chart, value) => (value === null ? '—' : `$${value.toFixed(2)}`),
            },
            { size: [0.35, 40], align: 1 },
          ),
        ],
        legend: { show: true },
      }),
    [labels, axisLabels],
  );
  return (
    <ChartFigure
      title="Minutes and cost by provider"
      summary="Estimated from list prices; your provider's invoice is what counts."
      tableOpen
      table={
        <ChartTable
          columns={['Provider', 'Minutes', 'Cost']}
          rows={providers.map((entry) => ({
            key: `${entry.kind}:${entry.provider}`,
            label: providerLabel(entry),
            values: [formatMinutes(entry.minutes), formatCost(entry.cost)],
          }))}
        />
      }
    >
      {providers.length > 0 ? (
        <UplotChart options={options} data={data} height={240} />
      ) : (
        <p class="muted">No provider usage recorded in this period.</p>
      )}
    </ChartFigure>
  );
}
