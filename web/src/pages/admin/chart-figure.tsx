import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface ChartFigureProps {
  readonly title: string;
  /** One or two sentences that say what the chart shows, for everyone. */
  readonly summary: ComponentChildren;
  /** The chart's numbers as a table: the full text alternative. */
  readonly table: ComponentChildren;
  /** Show the table under the chart instead of behind a disclosure. */
  readonly tableOpen?: boolean;
  readonly children: ComponentChildren;
}

/**
 * A chart with its text alternative: the heading and summary name the figure, and the same
 * numbers are one click away as a table (a canvas says nothing to a screen reader).
 */
export function ChartFigure({ title, summary, table, tableOpen, children }: ChartFigureProps) {
  const id = useId();
  return (
    <figure class="card admin-figure" aria-labelledby={`${id}-title`}>
      <h2 class="admin-figure-title" id={`${id}-title`}>
        {title}
      </h2>
      {children}
      <figcaption class="muted">{summary}</figcaption>
      {tableOpen === true ? (
        <div class="table-scroll">{table}</div>
      ) : (
        <details class="admin-figure-table">
          <summary>Show the numbers as a table</summary>
          <div class="table-scroll">{table}</div>
        </details>
      )}
    </figure>
  );
}
