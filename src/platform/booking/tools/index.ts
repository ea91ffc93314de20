/**
 * The booking tools an agent lists under `tools` (lookup_customer, get_available_slots,
 * book_appointment, get_upcoming_appointments, cancel_appointment, reschedule_appointment,
 * decode_vin), built per call by {@link createBookingToolFactory}.
 */
export { createBookingToolFactory } from './booking-tool-factory.js';
export { BookingCallSession } from './booking-call-session.js';
export type { BookingToolFactoryOptions } from './booking-call-session.js';
export { ToolArgumentError } from './tool-arguments.js';
export { parseStartTime } from './parse-start-time.js';
export { spreadSlots } from './get-available-slots-tool.js';
export type { AppointmentSummary, VehicleSummary } from './booking-tool-results.js';
