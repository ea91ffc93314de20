/**
 * Service-department booking helpers: VIN validation and decoding, and free appointment slots
 * across service bays. Pure functions with no I/O; callers load bays and appointments.
 */
export * from './vin/index.js';
export * from './slots/index.js';
