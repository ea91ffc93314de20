import type { ComponentChildren } from 'preact';

/** A column heading; a plain string is a text column with a visible heading. */
export interface TableColumn {
  readonly label: string;
  /** Numbers line up on the right, in tabular figures. */
  readonly numeric?: boolean;
  /** The heading is read by screen readers only (a column of buttons, say). */
  readonly hidden?: boolean;
}

/** The last column of a table whose rows end in buttons. */
export const ACTIONS_COLUMN: TableColumn = { label: 'Actions', hidden: true };

interface DataTableProps {
  /** Names the table for screen readers; not shown. */
  readonly caption?: string;
  readonly columns: readonly (string | TableColumn)[];
  /** More classes for the table, for page-specific column styles. */
  readonly class?: string;
  /** False when the caller already wraps the table in a scrolling box. */
  readonly scroll?: boolean;
  /** The body's rows. */
  readonly children: ComponentChildren;
  /** The footer's rows, e.g. a total. */
  readonly footer?: ComponentChildren;
}

function ColumnHeading({ column }: { column: string | TableColumn }) {
  const { label, numeric, hidden } = typeof column === 'string' ? { label: column } : column;
  return (
    <th scope="col" class={numeric === true ? 'number' : undefined}>
      {hidden === true ? <span class="visually-hidden">{label}</span> : label}
    </th>
  );
}

/**
 * A data table in the theme's style, with its hidden caption and a row of column headings;
 * on narrow screens it scrolls sideways inside its box instead of widening the page.
 */
export function DataTable(props: DataTableProps) {
  const table = (
    <table class={props.class === undefined ? 'table' : `table ${props.class}`}>
      {props.caption !== undefined && <caption class="visually-hidden">{props.caption}</caption>}
      <thead>
        <tr>
          {props.columns.map((column) => (
            <ColumnHeading
              key={typeof column === 'string' ? column : column.label}
              column={column}
            />
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
      {props.footer !== undefined && <tfoot>{props.footer}</tfoot>}
    </table>
  );
  return props.scroll === false ? table : <div class="table-scroll">{table}</div>;
}
