import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiGet } from './api/client.js';
import type { Session } from './api/types.js';
import { AppHeader } from './components/app-header.js';
import { SessionContext } from './hooks/use-session.js';
import { resolveRoute } from './routes.js';
import { useLocation } from './router.js';

/**
 * The dashboard: session, shell (skip link, header, main landmark) and the page for the address.
 * The session is asked for in parallel with the page's own data, never before it.
 */
export function App() {
  const { pathname } = useLocation();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const onSignInPage = pathname === '/sign-in';
  const needsSession = !onSignInPage && (session === undefined || session === null);

  useEffect(() => {
    if (!needsSession) return;
    let current = true;
    apiGet<Session>('/v1/session').then(
      (answer) => {
        if (current) setSession(answer);
      },
      // A 401 has already sent the user to the sign-in page; other failures leave the name out.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [needsSession]);

  const route = resolveRoute(pathname);
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

  // After a page change, start at the top and move focus to the new content for screen readers.
  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <SessionContext.Provider value={{ session, setSession }}>
      {route.shell && (
        <a class="skip-link" href="#main">
          Skip to content
        </a>
      )}
      {route.shell && <AppHeader />}
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Fragment key={route.key}>{route.element}</Fragment>
      </main>
    </SessionContext.Provider>
  );
}
