import { describeSlot } from '../slots/index.js';
import type { Appointment, Vehicle } from '../store/index.js';

/** An appointment as the tools report it: ISO times and a sentence to say. */
export interface AppointmentSummary {
  readonly appointmentId: string;
  readonly customerId: string;
  readonly vehicleId: string | null;
  readonly serviceType: string;
  readonly status: string;
  readonly startsAt: string;
  readonly endsAt: string;
  /** "Oil change on Tuesday, March 3 at 9:00 AM". */
  readonly spoken: string;
}

/** A vehicle as the tools report it. */
export interface VehicleSummary {
  readonly vehicleId: string;
  readonly vin: string;
  /** "2019 Tesla Model 3", as much as is known. */
  readonly description: string;
  readonly mileage: number | null;
}

/** Summarises an appointment in the organisation's time zone. */
export function summarizeAppointment(
  appointment: Appointment,
  timeZone: string,
): AppointmentSummary {
  return {
    appointmentId: appointment.id,
    customerId: appointment.customerId,
    vehicleId: appointment.vehicleId,
    serviceType: appointment.serviceType,
    status: appointment.status,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    spoken: `${appointment.serviceType} on ${describeSlot(appointment, timeZone)}`,
  };
}

/** Summarises a vehicle. */
export function summarizeVehicle(vehicle: Vehicle): VehicleSummary {
  const parts = [vehicle.modelYear, vehicle.make, vehicle.model].filter(
    (part) => part !== null && part !== undefined,
  );
  return {
    vehicleId: vehicle.id,
    vin: vehicle.vin,
    description: parts.length === 0 ? 'vehicle' : parts.join(' '),
    mileage: vehicle.mileage,
  };
}
