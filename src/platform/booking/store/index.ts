/**
 * Tenant-scoped repository of the service department: customers, vehicles, bays, business hours,
 * appointments and service history. Every function takes the `TenantTransaction` of
 * `database.forOrganization(orgId, …)`, so row-level security confines it to one organisation;
 * inserting functions also take that `orgId`. Rows come back as camelCase objects with `Date`s.
 */
export * from './booking-errors.js';
export { isUuid } from './postgres-errors.js';
export type { Page, PageOptions } from './list-page.js';
export {
  createCustomer,
  getCustomer,
  listCustomers,
  updateCustomer,
  deleteCustomer,
  findCustomersByPhone,
} from './customer-store.js';
export type {
  Customer,
  NewCustomer,
  CustomerChanges,
  CustomerListOptions,
} from './customer-store.js';
export {
  createVehicle,
  getVehicle,
  findVehicleByVin,
  listVehiclesByCustomer,
  updateVehicleMileage,
} from './vehicle-store.js';
export type { Vehicle, NewVehicle } from './vehicle-store.js';
export { createServiceBay, listServiceBays, setServiceBayActive } from './service-bay-store.js';
export type { ServiceBay } from './service-bay-store.js';
export { setBusinessHours, listBusinessHours } from './business-hours-store.js';
export {
  loadBookingRules,
  isWithinBusinessHours,
  formatWeeklyHours,
  checkBookingTime,
  MIN_APPOINTMENT_MINUTES,
  MAX_APPOINTMENT_MINUTES,
} from './booking-rules.js';
export type { BookingRules } from './booking-rules.js';
export { getAppointment, listAppointments, listUpcomingAppointments } from './appointment-store.js';
export type { Appointment, AppointmentListOptions } from './appointment-store.js';
export type { AppointmentStatus } from '../../db/database-schema.js';
export { bookAppointment, DEFAULT_APPOINTMENT_MINUTES } from './book-appointment.js';
export type { NewAppointment, BookingOptions } from './book-appointment.js';
export { cancelAppointment, rescheduleAppointment } from './change-appointment.js';
export { placeInFreeBay } from './place-in-free-bay.js';
export type { PlacementOptions } from './place-in-free-bay.js';
export { addServiceRecord, listServiceHistory } from './service-history-store.js';
export type { ServiceRecord, NewServiceRecord } from './service-history-store.js';
export { findAvailability } from './find-availability.js';
export type { Availability, AvailabilityRequest } from './find-availability.js';
