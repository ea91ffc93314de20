import type { ApiDependencies } from '../api-dependencies.js';
import type { OrgPrincipal } from '../api-principal.js';
import type { ApiRoute } from '../http/route-definition.js';
import { createBookingAppointmentRoutes } from './booking-appointment-routes.js';
import { createBookingCustomerRoutes } from './booking-customer-routes.js';
import { createBookingScheduleRoutes } from './booking-schedule-routes.js';
import { createBookingVehicleRoutes } from './booking-vehicle-routes.js';

/**
 * The service department's /v1 routes: customers, vehicles and their service history,
 * appointments, business hours, service bays and availability. Everything runs through
 * `database.forOrganization`, so another organisation's ids are 404s and its rows never listed.
 * Mount with `createApi({ …, extraRoutes: createBookingRoutes(dependencies) })`.
 */
export function createBookingRoutes(dependencies: ApiDependencies): ApiRoute<OrgPrincipal>[] {
  return [
    ...createBookingCustomerRoutes(dependencies),
    ...createBookingVehicleRoutes(dependencies),
    ...createBookingAppointmentRoutes(dependencies),
    ...createBookingScheduleRoutes(dependencies),
  ];
}
