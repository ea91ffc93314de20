import { EventEmitter } from 'node:events';
import { afterCommit, type TenantTransaction } from '../db/switchboard-database.js';

// One signal per process: publishing code deep in a booking or a call's record has only its
// transaction, and the dispatcher of the same process wants to hear about it at once instead of
// at its next poll. Other processes find the deliveries by polling.
const signal = new EventEmitter();
signal.setMaxListeners(0);

/** Tells this process's dispatchers, once `trx` commits, that deliveries are waiting. */
export function signalDeliveriesQueued(trx: TenantTransaction): void {
  afterCommit(trx, () => signal.emit('queued'));
}

/** Subscribes to {@link signalDeliveriesQueued}; returns the unsubscribe function. */
export function onDeliveriesQueued(listener: () => void): () => void {
  signal.on('queued', listener);
  return () => signal.off('queued', listener);
}
