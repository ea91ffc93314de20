import { useEffect, useState } from 'preact/hooks';

/** The part of the address the pages route on. */
export interface AppLocation {
  readonly pathname: string;
  /** With its leading `?`, or empty. */
  readonly search: string;
}

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

function currentLocation(): AppLocation {
  return { pathname: window.location.pathname, search: window.location.search };
}

/**
 * Goes to another page of the dashboard without reloading it (History API).
 *
 * @example
 * navigate('/calls?status=completed');
 * navigate('/sign-in', { replace: true });
 */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const here = window.location.pathname + window.location.search + window.location.hash;
  if (path === here) return;
  if (options.replace === true) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  notify();
}

/** The current location; the component re-renders when it changes. */
export function useLocation(): AppLocation {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () =>
      setLocation((previous) => {
        const next = currentLocation();
        return next.pathname === previous.pathname && next.search === previous.search
          ? previous
          : next;
      });
    listeners.add(update);
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  return location;
}

/** The query parameters of the current location. */
export function useSearchParams(): URLSearchParams {
  return new URLSearchParams(useLocation().search);
}

/**
 * Matches `/calls/:callId/live` against a path; returns the decoded parameters, or null.
 * Trailing slashes are ignored.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter((part) => part !== '');
  const pathParts = pathname.split('/').filter((part) => part !== '');
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (part !== actual) {
      return null;
    }
  }
  return params;
}

/**
 * Whether a click on a link should be handled by the router: a plain left click on a link to
 * this site that does not open a new tab or download.
 */
export function isRoutableClick(event: MouseEvent, anchor: HTMLAnchorElement): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (anchor.target !== '' && anchor.target !== '_self') return false;
  if (anchor.hasAttribute('download')) return false;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return false;
  // Same-page anchors (the skip link) keep their native behaviour.
  if (url.pathname === window.location.pathname && url.search === window.location.search) {
    return url.hash === '';
  }
  return !url.pathname.startsWith('/v1/');
}
