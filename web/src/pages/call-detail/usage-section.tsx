import type { CallUsage } from '../../api/types.js';
import { DataTable } from '../../components/data-table.js';
import { formatMoney } from '../../format/money.js';

const USAGE_COLUMNS = ['Kind', 'Provider', 'Model', 'Quantity', { label: 'Cost', numeric: true }];

function quantity(usage: CallUsage): string {
  const parts: string[] = [];
  if (usage.inputTokens > 0 || usage.outputTokens > 0) {
    parts.push(
      `${usage.inputTokens.toLocaleString()} in / ${usage.outputTokens.toLocaleString()} out tokens`,
    );
  }
  if (usage.characters > 0) parts.push(`${usage.characters.toLocaleString()} characters`);
  if (Number(usage.audioSeconds) > 0)
    parts.push(`${Number(usage.audioSeconds).toLocaleString()} s of audio`);
  return parts.join(', ') || '–';
}

/** What the call consumed per provider and model, and what that cost (estimated list prices). */
export function UsageSection(props: { usage: readonly CallUsage[]; totalCost: string }) {
  if (props.usage.length === 0) return null;
  return (
    <section class="card" aria-labelledby="usage-heading">
      <h2 id="usage-heading">Usage and cost</h2>
      <DataTable
        columns={USAGE_COLUMNS}
        footer={
          <tr>
            <th scope="row" colSpan={4}>
              Total
            </th>
            <td class="number">
              <strong>{formatMoney(props.totalCost)}</strong>
            </td>
          </tr>
        }
      >
        {props.usage.map((usage, index) => (
          <tr key={`${usage.kind}-${usage.provider}-${usage.model}-${index}`}>
            <td>{usage.kind.toUpperCase()}</td>
            <td>{usage.provider}</td>
            <td>{usage.model}</td>
            <td>{quantity(usage)}</td>
            <td class="number">{formatMoney(usage.cost)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
