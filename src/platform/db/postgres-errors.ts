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

/** 40P01: Postgres broke a deadlock by aborting this transaction; running it again is safe. */
export function isDeadlock(error: unknown): boolean {
  return postgresErrorCode(error) === '40P01';
}

/**
 * Runs a whole transaction again when Postgres aborted it to break a deadlock (at most
 * `attempts` times). Only for work whose effects are all inside the transaction.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= attempts) throw error;
    }
  }
}
