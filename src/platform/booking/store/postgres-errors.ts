export {
  isExclusionViolation,
  isUniqueViolation,
  postgresErrorCode,
} from '../../db/postgres-errors.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a UUID in its text form. Ids that come from outside (API paths, a model's tool
 * arguments) are checked first, so a malformed one means "not found" instead of a database error.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}
