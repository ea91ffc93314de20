/** SQLSTATE of a driver error (pg and PGlite both expose `code`), or undefined. */
export function postgresErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** 23P01: an exclusion constraint (here: two booked appointments on one bay) was violated. */
export function isExclusionViolation(error: unknown): boolean {
  return postgresErrorCode(error) === '23P01';
}

/** 23505: a unique constraint was violated. */
export function isUniqueViolation(error: unknown): boolean {
  return postgresErrorCode(error) === '23505';
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a UUID in its text form. Ids that come from outside (API paths, a model's tool
 * arguments) are checked first, so a malformed one means "not found" instead of a database error.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}
