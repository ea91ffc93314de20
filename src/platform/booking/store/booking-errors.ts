import { SwitchboardError } from '../../../errors/index.js';

/**
 * Errors the booking store raises on purpose. Each has a stable `code` and a message that can be
 * shown to staff or read back to a caller; callers match on the class or on `code`.
 */

/** Every bay is taken for the requested time (possibly by a booking made a moment ago). */
export class SlotUnavailableError extends SwitchboardError {
  readonly startsAt: Date;
  readonly endsAt: Date;

  constructor(startsAt: Date, endsAt: Date) {
    super(
      `No service bay is free from ${startsAt.toISOString()} to ${endsAt.toISOString()}; choose another time.`,
      { code: 'slot_unavailable' },
    );
    this.name = 'SlotUnavailableError';
    this.startsAt = startsAt;
    this.endsAt = endsAt;
  }
}

/** The requested time is not within the organisation's business hours (or none are set). */
export class OutsideBusinessHoursError extends SwitchboardError {
  constructor(message: string) {
    super(message, { code: 'outside_business_hours' });
    this.name = 'OutsideBusinessHoursError';
  }
}

/** A VIN that fails validation; `reason` is validateVin's sentence. */
export class InvalidVinError extends SwitchboardError {
  readonly vin: string;
  readonly reason: string;

  constructor(vin: string, reason: string) {
    super(`The VIN ${JSON.stringify(vin)} is not valid: ${reason}`, { code: 'invalid_vin' });
    this.name = 'InvalidVinError';
    this.vin = vin;
    this.reason = reason;
  }
}

/** The organisation already has a vehicle with this VIN. */
export class DuplicateVinError extends SwitchboardError {
  readonly vin: string;

  constructor(vin: string) {
    super(`A vehicle with VIN ${vin} is already on file.`, { code: 'duplicate_vin' });
    this.name = 'DuplicateVinError';
    this.vin = vin;
  }
}

/** What {@link BookingNotFoundError} could not find. */
export type BookingEntity = 'customer' | 'vehicle' | 'appointment' | 'service bay' | 'organization';

/** A referenced row does not exist in this organisation (other organisations' rows never count). */
export class BookingNotFoundError extends SwitchboardError {
  readonly entity: BookingEntity;
  readonly id: string;

  constructor(entity: BookingEntity, id: string) {
    super(`No ${entity} with id ${JSON.stringify(id)} was found.`, { code: 'not_found' });
    this.name = 'BookingNotFoundError';
    this.entity = entity;
    this.id = id;
  }
}

/** A request that can never succeed as given: a time in the past, a bad duration, a wrong state. */
export class InvalidBookingError extends SwitchboardError {
  constructor(message: string) {
    super(message, { code: 'invalid_booking' });
    this.name = 'InvalidBookingError';
  }
}
