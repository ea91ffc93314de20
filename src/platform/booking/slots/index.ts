export { computeAvailableSlots } from './compute-available-slots.js';
export { pickFreeBay, findFreeBayIds, overlapsAppointment } from './free-bays.js';
export { describeSlot } from './describe-slot.js';
export { zonedTimeToUtc, utcToZonedParts, assertTimeZone } from './zoned-time.js';
export type { ZonedParts, NonexistentTimePolicy } from './zoned-time.js';
export { MAX_SEARCH_DAYS } from './slot-query-checks.js';
export type { AvailableSlot, Bay, BayAppointment, BusinessHours, SlotQuery } from './slot-types.js';
