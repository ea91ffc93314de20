import { ConfigError, SwitchboardError } from '../../../errors/index.js';
import {
  BookingNotFoundError,
  DuplicateVinError,
  InvalidBookingError,
  InvalidVinError,
  OutsideBusinessHoursError,
  SlotUnavailableError,
} from '../../booking/store/index.js';
import type { SwitchboardDatabase, TenantTransaction } from '../../db/switchboard-database.js';
import { InvalidPhoneNumberError } from '../../numbers/phone-numbers.js';
import {
  ApiProblem,
  conflict,
  invalidCursor,
  isApiProblem,
  notFound,
  validationFailed,
} from '../http/api-problem.js';
import { isUniqueViolation } from '../../db/postgres-errors.js';

/**
 * How the booking store's errors reach API clients. Codes are stable:
 * - 404 `not_found`: a customer, vehicle, appointment or bay that is not the caller's;
 * - 409 `slot_unavailable`: every bay is taken then; 409 `duplicate_vin`: VIN already on file;
 * - 422 `outside_business_hours`, `invalid_vin` (reason on `body.vin`), `invalid_booking` (in the
 *   past, bad length, not booked any more, vehicle of another customer), `invalid_slot_query`,
 *   `validation_failed` (phone number, business hours);
 * - 400 `invalid_cursor`; 409 `conflict` for a taken unique name.
 */

/** Options of {@link withBookingProblems}. */
export interface BookingProblemOptions {
  /** Detail of the 409 when a unique constraint refuses the row (e.g. a bay name in use). */
  readonly uniqueViolation?: string;
}

const entityTitles: Record<BookingNotFoundError['entity'], string> = {
  customer: 'Customer',
  vehicle: 'Vehicle',
  appointment: 'Appointment',
  'service bay': 'Service bay',
  organization: 'Organization',
};

/** `businessHours[2].closes` (the store's setting name) as the request path `body.hours.2.closes`. */
function toBodyPath(setting: string): string {
  return setting.replace(/^businessHours\[(\d+)\]/, 'body.hours.$1');
}

/** The problem a booking error stands for, or the error itself when it is not one of ours. */
export function toBookingProblem(error: unknown, options: BookingProblemOptions = {}): unknown {
  if (isApiProblem(error)) return error;
  if (error instanceof BookingNotFoundError) return notFound(entityTitles[error.entity], error.id);
  if (error instanceof SlotUnavailableError) {
    return new ApiProblem({
      status: 409,
      code: error.code,
      title: 'Slot unavailable',
      detail: error.message,
    });
  }
  if (error instanceof DuplicateVinError) {
    return new ApiProblem({
      status: 409,
      code: error.code,
      title: 'Duplicate VIN',
      detail: error.message,
      errors: [{ path: 'body.vin', message: error.message }],
    });
  }
  if (error instanceof InvalidVinError) {
    return new ApiProblem({
      status: 422,
      code: error.code,
      title: 'Invalid VIN',
      detail: error.message,
      errors: [{ path: 'body.vin', message: error.reason }],
    });
  }
  if (error instanceof OutsideBusinessHoursError) {
    return new ApiProblem({
      status: 422,
      code: error.code,
      title: 'Outside business hours',
      detail: error.message,
    });
  }
  if (error instanceof InvalidBookingError) {
    return new ApiProblem({
      status: 422,
      code: error.code,
      title: 'Invalid booking',
      detail: error.message,
    });
  }
  if (error instanceof InvalidPhoneNumberError)
    return validationFailed([{ path: 'body.phone', message: error.message }]);
  if (error instanceof ConfigError && error.setting.startsWith('businessHours['))
    return validationFailed([{ path: toBodyPath(error.setting), message: error.message }]);
  if (SwitchboardError.isInstance(error)) {
    if (error.code === 'invalid_cursor') return invalidCursor();
    if (error.code === 'invalid_slot_query') {
      return new ApiProblem({
        status: 422,
        code: error.code,
        title: 'Invalid slot query',
        detail: error.message,
      });
    }
  }
  if (options.uniqueViolation !== undefined && isUniqueViolation(error))
    return conflict(options.uniqueViolation);
  return error;
}

/** Runs `work` and rethrows what it throws as a problem (see {@link toBookingProblem}). */
export async function withBookingProblems<T>(
  work: () => Promise<T>,
  options: BookingProblemOptions = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toBookingProblem(error, options);
  }
}

/** Runs `work` in one transaction confined to organisation `orgId`, mapping booking errors. */
export function inOrganization<T>(
  database: SwitchboardDatabase,
  orgId: string,
  work: (trx: TenantTransaction) => Promise<T>,
  options: BookingProblemOptions = {},
): Promise<T> {
  return withBookingProblems(() => database.forOrganization(orgId, work), options);
}
