import type { PhoneNumber } from '../../api/admin-types.js';
import { formatDateTime } from './format.js';

/** The last carrier webhook for a number: when it came and whether its signature checked out. */
export function WebhookStatusBadge({ number }: { number: PhoneNumber }) {
  if (number.lastWebhookAt === null) {
    return <span class="badge">no webhook yet</span>;
  }
  return (
    <span class="admin-webhook-status">
      {number.lastWebhookSigned === false ? (
        <span class="badge danger">signature invalid</span>
      ) : number.lastWebhookSigned === true ? (
        <span class="badge ok">signed correctly</span>
      ) : (
        <span class="badge warn">signature not checked</span>
      )}{' '}
      <span class="muted">last at {formatDateTime(number.lastWebhookAt)}</span>
    </span>
  );
}
