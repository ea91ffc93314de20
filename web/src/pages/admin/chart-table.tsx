import { DataTable } from '../../components/data-table.js';

/** One row of a chart's table: what it is about (a day, a provider), then its numbers. */
export interface ChartRow {
  readonly key: string;
  readonly label: string;
  readonly values: readonly string[];
}

/**
 * A chart's numbers as a table, the chart's text alternative: the first column names each row.
 * It goes in a `ChartFigure`, which gives it its scrolling box.
 */
export function ChartTable(props: { columns: readonly string[]; rows: readonly ChartRow[] }) {
  return (
    <DataTable scroll={false} columns={props.columns}>
      {props.rows.map((row) => (
        <tr key={row.key}>
          <th scope="row">{row.label}</th>
          {row.values.map((value, index) => (
            <td key={index}>{value}</td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
