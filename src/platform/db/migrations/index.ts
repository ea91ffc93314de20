import { tenancyMigration } from './0001-tenancy.js';
import { agentsAndNumbersMigration } from './0002-agents-and-numbers.js';
import { callsMigration } from './0003-calls.js';
import { bookingMigration } from './0004-booking.js';
import { callIndexesMigration } from './0005-call-indexes.js';
import { postCallMigration } from './0006-post-call.js';
import { webhookDueIndexMigration } from './0007-webhook-due-index.js';
import { dashboardSessionsMigration } from './0008-dashboard-sessions.js';

/** One schema change, applied once, in version order, inside a transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration, oldest first. Append only: a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  tenancyMigration,
  agentsAndNumbersMigration,
  callsMigration,
  bookingMigration,
  callIndexesMigration,
  postCallMigration,
  webhookDueIndexMigration,
  dashboardSessionsMigration,
];
