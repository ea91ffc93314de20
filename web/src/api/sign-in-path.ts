/** The sign-in page's address, carrying where to go back to afterwards. */
export function signInPath(next: string): string {
  return next === '/' || next === '' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}

/**
 * Where to go after signing in: the `next` query parameter when it is a path on this site, else
 * the overview. Anything else (`//evil.example`, `https://…`) is ignored so the link cannot be
 * used to send someone to another site.
 */
export function readNextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/';
  }
  return next.startsWith('/sign-in') ? '/' : next;
}
