import type { StatsOverview } from '../../api/admin-types.js';
import { ChartFigure } from './chart-figure.js';
import { formatCount } from './format.js';

type Outcomes = StatsOverview['outcomes'];

// The theme's chart colours, so both themes stay readable; the counts are always printed beside
// the colour, so nothing depends on telling colours apart.
const SEGMENT_COLORS = [
  '--chart-1',
  '--chart-2',
  '--chart-3',
  '--chart-4',
  '--chart-5',
  '--chart-6',
];

function colorOf(index: number): string {
  return `var(${SEGMENT_COLORS[index % SEGMENT_COLORS.length] ?? '--chart-1'})`;
}

/** Readable outcome: `transferred_to_human` → `Transferred to human`. */
export function outcomeLabel(outcome: string): string {
  const words = outcome.replace(/[_-]+/g, ' ').trim();
  return words === '' ? 'Unknown' : words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * How calls ended, as one bar split in proportion, with a legend of counts and shares. Plain
 * HTML rather than a canvas: the legend is already the text alternative.
 */
export function OutcomesBar({ outcomes }: { outcomes: Outcomes }) {
  const sorted = [...outcomes].sort((left, right) => right.count - left.count);
  const total = sorted.reduce((sum, entry) => sum + entry.count, 0);
  const share = (count: number) => (total === 0 ? 0 : Math.round((count / total) * 100));
  const top = sorted[0];
  return (
    <ChartFigure
      title="Outcomes"
      summary={
        top === undefined
          ? 'No outcomes recorded in this period.'
          : `${outcomeLabel(top.outcome)} was the most common outcome: ${formatCount(top.count)} of ${formatCount(total)} calls (${share(top.count)} %).`
      }
      tableOpen
      table={
        <ul class="admin-legend">
          {sorted.map((entry, index) => (
            <li key={entry.outcome}>
              <span
                class="admin-swatch"
                style={{ background: colorOf(index) }}
                aria-hidden="true"
              />
              <span>{outcomeLabel(entry.outcome)}</span>
              <span class="muted">
                {formatCount(entry.count)} ({share(entry.count)} %)
              </span>
            </li>
          ))}
        </ul>
      }
    >
      <div class="admin-proportion" aria-hidden="true">
        {sorted.map((entry, index) => (
          <span
            key={entry.outcome}
            style={{ flexGrow: entry.count, background: colorOf(index) }}
            title={`${outcomeLabel(entry.outcome)}: ${entry.count}`}
          />
        ))}
      </div>
    </ChartFigure>
  );
}
