import { z } from 'zod';
import {
  DEFAULT_APPOINTMENT_MINUTES,
  MAX_APPOINTMENT_MINUTES,
  MIN_APPOINTMENT_MINUTES,
} from '../../booking/store/index.js';
import { cursorQuerySchema, limitQuerySchema } from '../http/cursor-pagination.js';

/**
 * The zod schemas of the booking API (/v1 customers, vehicles, appointments and the schedule).
 * Times go in as ISO 8601 with an offset (`Z` or `±hh:mm`, never a bare local time) and come out
 * in UTC (`…Z`); wall-clock hours are 'HH:MM' in the organisation's time zone.
 */

/** An instant sent by the client: the offset is required, so it is never ambiguous. */
const instantInput = z.iso
  .datetime({ offset: true })
  .meta({ description: 'ISO 8601 with an offset, e.g. 2026-03-03T08:00:00-05:00.' });
const instantOutput = z.iso.datetime().meta({ description: 'ISO 8601 in UTC.' });
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().max(max).nullable().optional();
const mileage = z.int().min(0).max(2_000_000);
const appointmentMinutes = z.int().min(MIN_APPOINTMENT_MINUTES).max(MAX_APPOINTMENT_MINUTES);

/** A customer as returned. */
export const customerSchema = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string().nullable().meta({ description: 'E.164' }),
    email: z.string().nullable(),
    notes: z.string().nullable(),
    createdAt: instantOutput,
    updatedAt: instantOutput,
  })
  .meta({ id: 'Customer' });

/** Body of POST /v1/customers. */
export const customerInputSchema = z
  .object({
    firstName: text(100),
    lastName: text(100),
    phone: z
      .string()
      .max(40)
      .nullable()
      .optional()
      .meta({ description: 'Any common form; numbers without a country code are read as US.' }),
    email: z.email().max(320).nullable().optional(),
    notes: optionalText(4000),
  })
  .meta({ id: 'CustomerInput' });

/** Body of PATCH /v1/customers/{customerId}. */
export const customerUpdateSchema = customerInputSchema
  .partial()
  .meta({ id: 'CustomerUpdate', description: 'Absent fields stay as they are; null clears.' });

/** Query of GET /v1/customers. */
export const customerListQuerySchema = z
  .object({
    search: z
      .string()
      .max(200)
      .optional()
      .meta({ description: 'Part of a name, or at least three digits of a phone number.' }),
    limit: limitQuerySchema,
    cursor: cursorQuerySchema,
  })
  .meta({ id: 'CustomerListQuery' });

/** A vehicle as returned. */
export const vehicleSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    vin: z.string(),
    make: z.string().nullable(),
    model: z.string().nullable(),
    modelYear: z.int().nullable(),
    mileage: z.int().nullable(),
    createdAt: instantOutput,
  })
  .meta({ id: 'Vehicle' });

/** Body of POST /v1/vehicles; the VIN itself is checked by the store, so its reason reaches the client. */
export const vehicleInputSchema = z
  .object({
    customerId: z.uuid(),
    vin: z
      .string()
      .max(64)
      .meta({ description: '17 characters with a valid check digit; decoded for make and year.' }),
    make: optionalText(100),
    model: optionalText(100),
    modelYear: z.int().min(1950).max(2100).nullable().optional(),
    mileage: mileage.nullable().optional(),
  })
  .meta({ id: 'VehicleInput' });

/** Body of PATCH /v1/vehicles/{vehicleId}. */
export const vehicleUpdateSchema = z
  .object({ mileage: mileage.meta({ description: 'A new odometer reading.' }) })
  .meta({ id: 'VehicleUpdate' });

/** One entry of a vehicle's service history. */
export const serviceRecordSchema = z
  .object({
    id: z.uuid(),
    vehicleId: z.uuid(),
    performedAt: instantOutput,
    serviceType: z.string(),
    mileage: z.int().nullable(),
    notes: z.string().nullable(),
    cost: z.string().nullable().meta({ description: 'Exact decimal, e.g. "129.95".' }),
  })
  .meta({ id: 'ServiceRecord' });

/** Body of POST /v1/vehicles/{vehicleId}/service-history. */
export const serviceRecordInputSchema = z
  .object({
    performedAt: instantInput,
    serviceType: text(200),
    mileage: mileage.nullable().optional(),
    notes: optionalText(4000),
    cost: z
      .union([z.string().regex(/^\d{1,10}(\.\d{1,2})?$/), z.number().min(0).max(9_999_999_999)])
      .nullable()
      .optional()
      .meta({ description: 'Currency units with up to two decimals; a string keeps it exact.' }),
  })
  .meta({ id: 'ServiceRecordInput' });

/** GET /v1/vehicles/{vehicleId}. */
export const vehicleDetailSchema = vehicleSchema
  .extend({ serviceHistory: z.array(serviceRecordSchema) })
  .meta({ id: 'VehicleDetail', description: 'A vehicle with its service history, newest first.' });

/** Where an appointment stands. */
export const appointmentStatusSchema = z
  .enum(['booked', 'cancelled', 'completed', 'no-show'])
  .meta({ id: 'AppointmentStatus' });

/** An appointment as returned. */
export const appointmentSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    vehicleId: z.uuid().nullable(),
    bayId: z.uuid(),
    serviceType: z.string(),
    startsAt: instantOutput,
    endsAt: instantOutput,
    durationMinutes: z.int(),
    status: appointmentStatusSchema,
    notes: z.string().nullable(),
    cancelReason: z.string().nullable(),
    callId: z.uuid().nullable().meta({ description: 'The call that booked it, if any.' }),
    createdAt: instantOutput,
    updatedAt: instantOutput,
  })
  .meta({ id: 'Appointment' });

/** Body of POST /v1/appointments. */
export const appointmentInputSchema = z
  .object({
    customerId: z.uuid(),
    vehicleId: z.uuid().nullable().optional(),
    serviceType: text(200),
    startsAt: instantInput,
    durationMinutes: appointmentMinutes.default(DEFAULT_APPOINTMENT_MINUTES),
    notes: optionalText(4000),
  })
  .meta({ id: 'AppointmentInput' });

/** Body of POST /v1/appointments/{appointmentId}/cancel. */
export const appointmentCancelSchema = z
  .object({ reason: text(500) })
  .meta({ id: 'AppointmentCancellation' });

/** Body of POST /v1/appointments/{appointmentId}/reschedule. */
export const appointmentRescheduleSchema = z
  .object({
    startsAt: instantInput,
    durationMinutes: appointmentMinutes
      .optional()
      .meta({ description: 'Default: the current length.' }),
  })
  .meta({ id: 'AppointmentReschedule' });

/** Query of GET /v1/appointments. */
export const appointmentListQuerySchema = z
  .object({
    from: instantInput.optional().meta({ description: 'Starting at or after this instant.' }),
    to: instantInput.optional().meta({ description: 'Starting before this instant.' }),
    status: z
      .array(appointmentStatusSchema)
      .max(4)
      .optional()
      .meta({ description: 'Repeat for several: ?status=booked&status=completed.' }),
    customerId: z.uuid().optional(),
    vehicleId: z.uuid().optional(),
    limit: limitQuerySchema,
    cursor: cursorQuerySchema,
  })
  .meta({ id: 'AppointmentListQuery' });

/** GET /v1/customers/{customerId}. */
export const customerDetailSchema = customerSchema
  .extend({
    vehicles: z.array(vehicleSchema),
    upcomingAppointments: z.array(appointmentSchema),
  })
  .meta({
    id: 'CustomerDetail',
    description: 'A customer with their vehicles and booked appointments still to come.',
  });

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM on a 24-hour clock.');

/** One opening interval of the week. */
export const businessHoursSchema = z
  .object({
    weekday: z.int().min(0).max(6).meta({ description: '0 = Sunday … 6 = Saturday.' }),
    opens: clockTime,
    closes: z.union([clockTime, z.literal('24:00')]),
  })
  .refine((hours) => hours.opens < hours.closes, {
    message:
      'opens must be earlier than closes; hours past midnight need an entry on the next day.',
    path: ['closes'],
  })
  .meta({ id: 'BusinessHours', description: 'One opening interval, local wall-clock time.' });

/** Body of PUT /v1/business-hours. */
export const businessWeekInputSchema = z
  .object({
    hours: z
      .array(businessHoursSchema)
      .max(100)
      .meta({ description: 'The whole week; days not listed are closed. Empty closes bookings.' }),
  })
  .meta({ id: 'BusinessWeekInput' });

/** GET and PUT /v1/business-hours. */
export const businessWeekSchema = z
  .object({
    timeZone: z.string().meta({ description: "The organisation's IANA time zone." }),
    hours: z.array(businessHoursSchema),
    summary: z.string().meta({ example: 'Mon–Fri 08:00–17:00; Sat 09:00–12:00' }),
  })
  .meta({ id: 'BusinessWeek' });

/** A service bay as returned. */
export const serviceBaySchema = z
  .object({ id: z.uuid(), name: z.string(), active: z.boolean() })
  .meta({ id: 'ServiceBay', description: 'A lift or rack taking one appointment at a time.' });

/** Body of POST /v1/service-bays. */
export const serviceBayInputSchema = z
  .object({ name: text(100), active: z.boolean().optional() })
  .meta({ id: 'ServiceBayInput' });

/** Body of PATCH /v1/service-bays/{bayId}. */
export const serviceBayUpdateSchema = z
  .object({ active: z.boolean().meta({ description: 'false takes it out of service.' }) })
  .meta({ id: 'ServiceBayUpdate' });

/** Query of GET /v1/availability. */
export const availabilityQuerySchema = z
  .object({
    date: z.iso
      .date()
      .optional()
      .meta({ description: 'First local day to search, YYYY-MM-DD. Default: today.' }),
    days: z.coerce.number().int().min(1).max(31).default(7),
    durationMinutes: z.coerce
      .number()
      .int()
      .min(MIN_APPOINTMENT_MINUTES)
      .max(MAX_APPOINTMENT_MINUTES)
      .default(DEFAULT_APPOINTMENT_MINUTES),
    stepMinutes: z.coerce
      .number()
      .int()
      .min(5)
      .max(240)
      .default(30)
      .meta({ description: 'Distance between offered start times.' }),
  })
  .meta({ id: 'AvailabilityQuery' });

/** One free start time and the bays free for all of it. */
export const availableSlotSchema = z
  .object({ startsAt: instantOutput, endsAt: instantOutput, bayIds: z.array(z.uuid()) })
  .meta({ id: 'AvailableSlot' });

/** GET /v1/availability. */
export const availabilitySchema = z
  .object({
    timeZone: z.string(),
    date: z.iso.date(),
    days: z.int(),
    durationMinutes: z.int(),
    data: z.array(availableSlotSchema),
  })
  .meta({ id: 'Availability', description: 'Free start times, earliest first.' });

/** Path parameters. */
export const customerParams = z.object({ customerId: z.uuid() });
export const vehicleParams = z.object({ vehicleId: z.uuid() });
export const appointmentParams = z.object({ appointmentId: z.uuid() });
export const bayParams = z.object({ bayId: z.uuid() });
