import type { CallUsage } from '../../api/types.js';
import { formatMoney } from '../../format/money.js';

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
      <div class="table-scroll">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Provider</th>
              <th scope="col">Model</th>
              <th scope="col">Quantity</th>
              <th scope="col" class="number">
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {props.usage.map((usage, index) => (
              <tr key={`${usage.kind}-${usage.provider}-${usage.model}-${index}`}>
                <td>{usage.kind.toUpperCase()}</td>
                <td>{usage.provider}</td>
                <td>{usage.model}</td>
                <td>{quantity(usage)}</td>
                <td class="number">{formatMoney(usage.cost)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                Total
              </th>
              <td class="number">
                <strong>{formatMoney(props.totalCost)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
