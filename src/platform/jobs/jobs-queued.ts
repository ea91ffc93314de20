import { EventEmitter } from 'node:events';
import { afterCommit, type TenantTransaction } from '../db/switchboard-database.js';

// As with webhook deliveries: code that enqueues has only its transaction, and this process's
// runner wants to start the job the moment it commits rather than at its next poll.
const signal = new EventEmitter();
signal.setMaxListeners(0);

/** Tells this process's job runners, once `trx` commits, that `queue` has a new job. */
export function signalJobQueued(trx: TenantTransaction, queue: string): void {
  afterCommit(trx, () => signal.emit('queued', queue));
}

/** Subscribes to {@link signalJobQueued}; returns the unsubscribe function. */
export function onJobsQueued(listener: (queue: string) => void): () => void {
  signal.on('queued', listener);
  return () => signal.off('queued', listener);
}
