/** SQLSTATE of a driver error (pg, and the embedded engine's re-created errors), following `cause`. */
export function postgresErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? undefined : postgresErrorCode(cause);
}

/** 23505: a unique constraint refused the row. */
export function isUniqueViolation(error: unknown): boolean {
  return postgresErrorCode(error) === '23505';
}

/** 23P01: an exclusion constraint (two booked appointments on one bay) was violated. */
export function isExclusionViolation(error: unknown): boolean {
  return postgresErrorCode(error) === '23P01';
}
