import {
  bookAppointment,
  cancelAppointment,
  getAppointment,
  listAppointments,
  rescheduleAppointment,
} from '../../booking/store/index.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute, type OrgPrincipal } from '../api-principal.js';
import { notFound } from '../http/api-problem.js';
import { listEnvelopeSchema } from '../http/cursor-pagination.js';
import type { ApiRoute } from '../http/route-definition.js';
import { toAppointmentBody, toListEnvelope } from './booking-bodies.js';
import { inOrganization } from './booking-errors.js';
import {
  appointmentCancelSchema,
  appointmentInputSchema,
  appointmentListQuerySchema,
  appointmentParams,
  appointmentRescheduleSchema,
  appointmentSchema,
} from './booking-schemas.js';

const appointmentListSchema = listEnvelopeSchema(appointmentSchema).meta({
  id: 'AppointmentList',
});

const bookingProblems = {
  404: { description: '`not_found`: the appointment, customer or vehicle is not yours' },
  409: { description: '`slot_unavailable`: every bay is taken then' },
  422: {
    description:
      '`outside_business_hours`, `invalid_booking` (in the past, not booked any more, vehicle of another customer) or `validation_failed`',
  },
} as const;

/**
 * Appointments: list by time, book on the first free bay, cancel, reschedule. Booking and
 * rescheduling are race-safe (the store retries on another bay or answers `slot_unavailable`).
 */
export function createBookingAppointmentRoutes({
  database,
}: ApiDependencies): ApiRoute<OrgPrincipal>[] {
  const list = defineRoute({
    method: 'get',
    path: '/v1/appointments',
    operationId: 'listAppointments',
    summary: 'List appointments by start time, filtered by time, status, customer or vehicle',
    tags: ['appointments'],
    auth: 'api-key',
    scope: 'read',
    query: appointmentListQuerySchema,
    responses: { 200: { description: 'One page of appointments', schema: appointmentListSchema } },
    handler: async ({ principal, query }) => {
      const page = await inOrganization(database, principal.orgId, (trx) =>
        listAppointments(trx, {
          ...query,
          from: query.from === undefined ? undefined : new Date(query.from),
          to: query.to === undefined ? undefined : new Date(query.to),
        }),
      );
      return { status: 200, body: toListEnvelope(page, toAppointmentBody) };
    },
  });
  const book = defineRoute({
    method: 'post',
    path: '/v1/appointments',
    operationId: 'bookAppointment',
    summary: 'Book an appointment on the first free service bay',
    tags: ['appointments'],
    auth: 'api-key',
    scope: 'write',
    body: appointmentInputSchema,
    responses: { 201: { description: 'Booked', schema: appointmentSchema }, ...bookingProblems },
    handler: async ({ principal, body }) => {
      const appointment = await inOrganization(database, principal.orgId, (trx) =>
        bookAppointment(trx, principal.orgId, { ...body, startsAt: new Date(body.startsAt) }),
      );
      return {
        status: 201,
        body: toAppointmentBody(appointment),
        headers: { location: `/v1/appointments/${appointment.id}` },
      };
    },
  });
  const get = defineRoute({
    method: 'get',
    path: '/v1/appointments/{appointmentId}',
    operationId: 'getAppointment',
    summary: 'Get an appointment',
    tags: ['appointments'],
    auth: 'api-key',
    scope: 'read',
    params: appointmentParams,
    responses: {
      200: { description: 'The appointment', schema: appointmentSchema },
      404: { description: '`not_found`' },
    },
    handler: async ({ principal, params }) => {
      const appointment = await inOrganization(database, principal.orgId, (trx) =>
        getAppointment(trx, params.appointmentId),
      );
      if (appointment === undefined) throw notFound('Appointment', params.appointmentId);
      return { status: 200, body: toAppointmentBody(appointment) };
    },
  });
  const cancel = defineRoute({
    method: 'post',
    path: '/v1/appointments/{appointmentId}/cancel',
    operationId: 'cancelAppointment',
    summary: 'Cancel a booked appointment, freeing its bay',
    tags: ['appointments'],
    auth: 'api-key',
    scope: 'write',
    params: appointmentParams,
    body: appointmentCancelSchema,
    responses: {
      200: { description: 'The cancelled appointment', schema: appointmentSchema },
      404: bookingProblems[404],
      422: { description: '`invalid_booking`: it is not booked any more, or `validation_failed`' },
    },
    handler: async ({ principal, params, body }) => {
      const appointment = await inOrganization(database, principal.orgId, (trx) =>
        cancelAppointment(trx, params.appointmentId, body.reason),
      );
      return { status: 200, body: toAppointmentBody(appointment) };
    },
  });
  const reschedule = defineRoute({
    method: 'post',
    path: '/v1/appointments/{appointmentId}/reschedule',
    operationId: 'rescheduleAppointment',
    summary: 'Move a booked appointment (it keeps its bay when that bay is free then)',
    tags: ['appointments'],
    auth: 'api-key',
    scope: 'write',
    params: appointmentParams,
    body: appointmentRescheduleSchema,
    responses: {
      200: { description: 'The moved appointment', schema: appointmentSchema },
      ...bookingProblems,
    },
    handler: async ({ principal, params, body }) => {
      const appointment = await inOrganization(database, principal.orgId, (trx) =>
        rescheduleAppointment(trx, principal.orgId, params.appointmentId, {
          startsAt: new Date(body.startsAt),
          durationMinutes: body.durationMinutes,
        }),
      );
      return { status: 200, body: toAppointmentBody(appointment) };
    },
  });
  return [list, book, get, cancel, reschedule];
}
