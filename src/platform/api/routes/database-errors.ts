/** Postgres error codes the API turns into client errors. */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? undefined : codeOf(cause);
}

/** A unique constraint refused the row (23505). */
export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === '23505';
}

/** A foreign key points nowhere (23503), e.g. an agent id of another organisation. */
export function isForeignKeyViolation(error: unknown): boolean {
  return codeOf(error) === '23503';
}
