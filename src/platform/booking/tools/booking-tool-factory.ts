import type { BookingToolName } from '../../../agents/agent-definition.js';
import type { BookingToolFactory } from '../../../agents/build-agent-tools.js';
import {
  cancelAppointmentTool,
  getUpcomingAppointmentsTool,
  rescheduleAppointmentTool,
} from './appointment-tools.js';
import { bookAppointmentTool } from './book-appointment-tool.js';
import { BookingCallSession, type BookingToolFactoryOptions } from './booking-call-session.js';
import { toBookingTool, type BookingToolSpec } from './booking-tool.js';
import { decodeVinTool } from './decode-vin-tool.js';
import { getAvailableSlotsTool } from './get-available-slots-tool.js';
import { lookupCustomerTool } from './lookup-customer-tool.js';

const specs: Readonly<Record<BookingToolName, BookingToolSpec>> = {
  lookup_customer: lookupCustomerTool,
  get_available_slots: getAvailableSlotsTool,
  book_appointment: bookAppointmentTool,
  get_upcoming_appointments: getUpcomingAppointmentsTool,
  cancel_appointment: cancelAppointmentTool,
  reschedule_appointment: rescheduleAppointmentTool,
  decode_vin: decodeVinTool,
};

/**
 * The booking tools of one call, for buildAgentTools. Create one factory per call: its tools
 * share what the call has established (which customers the caller was identified as), and all
 * their database work runs through `database.forOrganization(orgId, …)`, so they can never read
 * or change another organisation's data.
 *
 * @example
 * const tools = buildAgentTools(agent, createBookingToolFactory({ database, orgId, callId }));
 */
export function createBookingToolFactory(options: BookingToolFactoryOptions): BookingToolFactory {
  const session = new BookingCallSession(options);
  return (name, { timeoutMs }) => {
    const spec = specs[name] as BookingToolSpec | undefined;
    return spec === undefined ? undefined : toBookingTool(spec, session, { timeoutMs });
  };
}
