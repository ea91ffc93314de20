import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { readChartTheme, watchTheme, type ChartTheme } from './chart-theme.js';

/** Chart options without the size, which the wrapper takes from its container. */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/**
 * Draws a series as bars. `uPlot.paths.bars` is optional in the typings (custom builds can leave it
 * out); without it the series falls back to a line, still readable.
 */
export function asBars(
  series: uPlot.Series,
  options: uPlot.Series.BarsPathBuilderOpts = { size: [0.7, 48] },
): uPlot.Series {
  const paths = uPlot.paths.bars?.(options);
  return paths === undefined ? series : { ...series, paths };
}

interface UplotChartProps {
  /** Builds the options from the current theme colours. */
  readonly options: (theme: ChartTheme) => ChartOptions;
  readonly data: uPlot.AlignedData;
  readonly height?: number;
}

/**
 * A uPlot chart that fills its container's width. It is rebuilt when the data or the theme change
 * (the canvas holds colours, not variables) and resized when the container changes size.
 * The canvas is hidden from assistive technology: every chart sits beside a text alternative.
 */
export function UplotChart({ options, data, height = 220 }: UplotChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [themeGeneration, setThemeGeneration] = useState(0);

  useEffect(() => watchTheme(() => setThemeGeneration((value) => value + 1)), []);

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const width = Math.max(container.clientWidth, 200);
    const chart = new uPlot(
      { ...options(readChartTheme(container)), width, height },
      data,
      container,
    );
    // Resizing the window (or turning a phone) changes the container, not the chart.
    const observer = new ResizeObserver(() => {
      const nextWidth = Math.max(container.clientWidth, 200);
      if (nextWidth !== chart.width) chart.setSize({ width: nextWidth, height });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [options, data, height, themeGeneration]);

  return <div class="admin-chart" ref={containerRef} aria-hidden="true" />;
}
