import { useMemo } from 'preact/hooks';
import uPlot from 'uplot';
import type { StatsOverview } from '../../api/admin-types.js';
import { ChartFigure } from './chart-figure.js';
import { ChartTable } from './chart-table.js';
import { themedAxis, type ChartTheme } from './chart-theme.js';
import { formatCount, formatDay, formatLatency, formatMinutes } from './format.js';
import { UplotChart, asBars, type ChartOptions } from './uplot-chart.js';

type Days = StatsOverview['days'];

/**
 * Days are calendar dates placed at UTC midnight, so the axis reads them in UTC too; in the
 * browser's zone a day west of Greenwich would be labelled with the day before.
 */
const calendarDate = (seconds: number) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');

const HALF_DAY_SECONDS = 43_200;
/** Half a day of room each side, so the first and last bars are not cut in half by the edge. */
const dayAxisScale = {
  time: true,
  range: (_chart: uPlot, min: number, max: number): uPlot.Range.MinMax => [
    min - HALF_DAY_SECONDS,
    max + HALF_DAY_SECONDS,
  ],
};

/** The legend's x value: the day, not a time of day. */
const daySeries: uPlot.Series = {
  label: 'Day',
  value: (_chart, seconds) =>
    seconds === null ? '—' : formatDay(new Date(seconds * 1000).toISOString().slice(0, 10)),
};

/** uPlot's time axis counts seconds; a day is its UTC midnight. */
function daySeconds(days: Days): number[] {
  return days.map((day) => Date.parse(`${day.date}T00:00:00Z`) / 1000);
}

/** Bars of calls per day. */
export function CallsPerDayChart({ days }: { days: Days }) {
  const data = useMemo<uPlot.AlignedData>(
    () => [daySeconds(days), days.map((day) => day.calls)],
    [days],
  );
  const options = useMemo(
    () =>
      (theme: ChartTheme): ChartOptions => ({
        tzDate: calendarDate,
        scales: { x: dayAxisScale, y: { range: (_chart, _min, max) => [0, Math.max(max, 1)] } },
        axes: [themedAxis(theme), { ...themedAxis(theme), label: 'Calls' }],
        series: [
          daySeries,
          asBars({
            label: 'Calls',
            stroke: theme.accent,
            fill: theme.accent,
            width: 0,
            points: { show: false },
          }),
        ],
        legend: { show: false },
      }),
    [],
  );
  const total = days.reduce((sum, day) => sum + day.calls, 0);
  const busiest = days.reduce<Days[number] | undefined>(
    (best, day) => (best === undefined || day.calls > best.calls ? day : best),
    undefined,
  );
  return (
    <ChartFigure
      title="Calls per day"
      summary={
        busiest === undefined
          ? 'No days in this period.'
          : `${formatCount(total)} calls over ${days.length} days; the busiest day was ${formatDay(busiest.date)} with ${formatCount(busiest.calls)}.`
      }
      table={
        <ChartTable
          columns={['Day', 'Calls', 'Minutes']}
          rows={days.map((day) => ({
            key: day.date,
            label: formatDay(day.date),
            values: [formatCount(day.calls), formatMinutes(day.minutes)],
          }))}
        />
      }
    >
      <UplotChart options={options} data={data} />
    </ChartFigure>
  );
}

/** Average and 95th-percentile turn latency per day, as two lines. */
export function LatencyChart({ days }: { days: Days }) {
  const data = useMemo<uPlot.AlignedData>(
    () => [
      daySeconds(days),
      days.map((day) => day.avgLatencyMs),
      days.map((day) => day.p95LatencyMs),
    ],
    [days],
  );
  const options = useMemo(
    () =>
      (theme: ChartTheme): ChartOptions => ({
        tzDate: calendarDate,
        scales: {
          x: dayAxisScale,
          y: { range: (_chart, _min, max) => [0, Math.max(max * 1.1, 100)] },
        },
        axes: [
          themedAxis(theme),
          { ...themedAxis(theme), label: 'ms', values: (_chart, ticks) => ticks.map(String) },
        ],
        series: [
          daySeries,
          {
            label: 'Average',
            stroke: theme.accent,
            width: 2,
            points: { show: true, size: 5, fill: theme.accent },
          },
          {
            label: '95th percentile',
            stroke: theme.warn,
            width: 2,
            dash: [6, 4],
            points: { show: true, size: 5, fill: theme.warn },
          },
        ],
        legend: { show: true },
      }),
    [],
  );
  const measured = days.filter((day) => day.avgLatencyMs !== null);
  return (
    <ChartFigure
      title="Turn latency"
      summary={
        measured.length === 0
          ? 'No measured turns in this period.'
          : `How long callers waited for the agent to start answering: the solid line is the daily average, the dashed line the slowest 5 % of turns. Measured on ${measured.length} of ${days.length} days.`
      }
      table={
        <ChartTable
          columns={['Day', 'Average', '95th percentile']}
          rows={days.map((day) => ({
            key: day.date,
            label: formatDay(day.date),
            values: [formatLatency(day.avgLatencyMs), formatLatency(day.p95LatencyMs)],
          }))}
        />
      }
    >
      <UplotChart options={options} data={data} />
    </ChartFigure>
  );
}
