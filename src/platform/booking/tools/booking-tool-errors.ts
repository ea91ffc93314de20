import { SwitchboardError } from '../../../errors/index.js';
import type { Logger } from '../../../logging/logger.js';
import { InvalidPhoneNumberError } from '../../numbers/phone-numbers.js';
import { SlotUnavailableError } from '../store/index.js';

/** Codes whose message is already written for the caller and the model. */
const relayedCodes = new Set([
  'invalid_tool_arguments',
  'invalid_booking',
  'outside_business_hours',
  'not_found',
  'invalid_vin',
  'duplicate_vin',
  'invalid_time',
  'invalid_slot_query',
  'not_callers_customer',
]);

/**
 * Turns a failure inside a booking tool into the error the model sees. Expected outcomes keep
 * their sentence (with a hint for a taken slot); anything unexpected is logged and replaced by a
 * neutral sentence, so database details never reach the model or the caller.
 */
export function toToolError(
  error: unknown,
  details: { readonly tool: string; readonly callId: string; readonly logger: Logger },
): Error {
  if (error instanceof SlotUnavailableError) {
    return new SwitchboardError(
      'That time was just taken by another booking. Apologise and offer the caller another time (get_available_slots lists free ones).',
      { code: 'slot_unavailable' },
    );
  }
  if (error instanceof InvalidPhoneNumberError) {
    return new SwitchboardError(
      'That is not a valid phone number; ask the caller to repeat it with the area code.',
      { code: 'invalid_phone_number' },
    );
  }
  if (SwitchboardError.isInstance(error) && relayedCodes.has(error.code)) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  details.logger.error(
    {
      tool: details.tool,
      callId: details.callId,
      errorName: error instanceof Error ? error.name : typeof error,
      pii: { error: error instanceof Error ? error.message : String(error) },
    },
    'booking tool failed',
  );
  return new SwitchboardError(
    'The booking system could not do that just now. Apologise, and offer to try again or to take a message.',
    { code: 'booking_unavailable', retryable: true },
  );
}
