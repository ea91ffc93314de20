/** A WebSocket address on this site: `ws:` under http, `wss:` under https. */
export function socketUrl(path: string): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}${path}`;
}

/** Words for the close codes the live WebSockets use before a call starts (docs/live-calls.md). */
export function describeCloseCode(code: number, what: { notFound: string }): string | null {
  switch (code) {
    case 4401:
      return 'Your session has ended; sign in again.';
    case 4403:
      return 'Your account may not do this (it needs the admin role), or the page was opened from another address than the server.';
    case 4404:
      return what.notFound;
    case 4429:
      return 'The server has no capacity for another call right now. Try again in a moment.';
    default:
      return null;
  }
}
