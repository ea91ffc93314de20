/**
 * Finding due webhook deliveries by a range scan of what is due, instead of walking every
 * pending delivery: with thousands waiting on a failing endpoint, the old walk made every claim
 * slower. Successors of a backing-off delivery inherit its next attempt time, so they stay out of
 * the range until it resolves.
 */
export const webhookDueIndexMigration = {
  version: 7,
  name: 'webhook-due-index',
  sql: /* sql */ `
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at, seq)
  where status = 'pending';
`,
} as const;
