/** The theme's colours as canvas styles: uPlot paints on a canvas, which cannot read CSS variables. */
export interface ChartTheme {
  readonly text: string;
  readonly muted: string;
  readonly border: string;
  readonly accent: string;
  readonly ok: string;
  readonly warn: string;
  readonly danger: string;
  readonly caller: string;
  readonly agent: string;
  /** The theme's series colours, --chart-1 to --chart-6. */
  readonly series: readonly string[];
  readonly font: string;
}

/** Reads the theme variables as they apply to `element` right now. */
export function readChartTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', style.color),
    muted: read('--muted', style.color),
    border: read('--border', 'rgba(128,128,128,0.4)'),
    accent: read('--accent', style.color),
    ok: read('--ok', style.color),
    warn: read('--warn', style.color),
    danger: read('--danger', style.color),
    caller: read('--caller', style.color),
    agent: read('--agent', style.color),
    series: [1, 2, 3, 4, 5, 6].map((index) => read(`--chart-${index}`, style.color)),
    font: `12px ${style.fontFamily}`,
  };
}

/**
 * Calls `onChange` when the theme may have changed: a class, attribute or style switch on the root
 * element (how a theme toggle usually works) or the system's light/dark preference.
 */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['class', 'style', 'data-theme'],
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-theme'] });
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', onChange);
  };
}

/** Axis settings in the theme's colours, shared by every chart. */
export function themedAxis(theme: ChartTheme) {
  return {
    stroke: theme.muted,
    font: theme.font,
    grid: { stroke: theme.border, width: 1 },
    ticks: { stroke: theme.border, width: 1 },
  };
}
