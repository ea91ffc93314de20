import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TurnMetric } from '../../api/types.js';
import { formatMilliseconds } from '../../format/duration.js';
import { readCssVariable, useTheme } from '../../hooks/use-theme.js';
import { LATENCY_STAGES, sortedMetrics } from './latency-stages.js';

const chartHeight = 260;

/** Floating bars: each stage's bar runs from the sum of the stages before it to its own end. */
function stackedBars(metrics: readonly TurnMetric[], stageIndex: number) {
  const bottoms = metrics.map((metric) =>
    LATENCY_STAGES.slice(0, stageIndex).reduce((sum, stage) => sum + metric[stage.key], 0),
  );
  const stage = LATENCY_STAGES[stageIndex];
  const tops = metrics.map(
    (metric, index) => (bottoms[index] ?? 0) + (stage ? metric[stage.key] : 0),
  );
  return uPlot.paths.bars?.({
    size: [0.6, 56],
    disp: {
      y0: { unit: 1, values: () => bottoms },
      y1: { unit: 1, values: () => tops },
    },
  });
}

/** Bars sit at positions 0…n-1 (no gaps for turns without a reply); labels show turn numbers. */
function turnLabel(metrics: readonly TurnMetric[], position: number | null): string {
  if (position === null || !Number.isInteger(position)) return '';
  const metric = metrics[position];
  return metric === undefined ? '' : String(metric.turn);
}

function buildOptions(metrics: readonly TurnMetric[], width: number): uPlot.Options {
  const text = readCssVariable('--muted');
  const grid = readCssVariable('--border');
  const highest = Math.max(1, ...metrics.map((metric) => metric.totalMs));
  const axisStyle = {
    stroke: text,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
  };
  return {
    width,
    height: chartHeight,
    scales: {
      x: { time: false, range: (_chart, min, max) => [min - 0.6, max + 0.6] },
      y: { range: [0, highest * 1.1] },
    },
    axes: [
      {
        ...axisStyle,
        label: 'Turn',
        incrs: [1, 2, 5, 10, 20, 50, 100],
        values: (_chart, splits) => splits.map((position) => turnLabel(metrics, position)),
      },
      { ...axisStyle, label: 'ms', size: 60 },
    ],
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    series: [
      { label: 'Turn', value: (_chart, position) => turnLabel(metrics, position) || '–' },
      ...LATENCY_STAGES.map((stage, index) => {
        const color = readCssVariable(stage.color);
        const paths = stackedBars(metrics, index);
        return {
          label: stage.label,
          fill: color,
          stroke: color,
          width: 0,
          points: { show: false },
          value: (_chart: uPlot, value: number | null) => formatMilliseconds(value),
          ...(paths !== undefined ? { paths } : {}),
        };
      }),
    ],
  };
}

/**
 * Per-turn latency as stacked bars (endpointing, STT, LLM, TTS, tools, overhead) with uPlot's
 * legend; the same numbers are in the table below it for screen readers.
 */
export function LatencyChart(props: { metrics: readonly TurnMetric[] }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const { theme } = useTheme();

  useEffect(() => {
    const container = containerRef.current;
    if (container === null || props.metrics.length === 0) return;
    const metrics = sortedMetrics(props.metrics);
    const data: uPlot.AlignedData = [
      metrics.map((_metric, position) => position),
      ...LATENCY_STAGES.map((stage) => metrics.map((metric) => metric[stage.key])),
    ];
    const chart = new uPlot(
      buildOptions(metrics, Math.max(280, container.clientWidth)),
      data,
      container,
    );
    const observer = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(280, container.clientWidth), height: chartHeight });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [props.metrics, theme]);

  return (
    <div ref={containerRef} class="latency-chart" data-testid="latency-chart" aria-hidden="true" />
  );
}
