import { useEffect, useState } from 'preact/hooks';
import { apiSend, describeError } from '../api/client.js';
import { useSession } from '../hooks/use-session.js';
import { navigate, useLocation } from '../router.js';
import { ThemeToggle } from './theme-toggle.js';

const sections = [
  { href: '/', label: 'Overview' },
  { href: '/calls', label: 'Calls' },
  { href: '/agents', label: 'Agents' },
  { href: '/numbers', label: 'Numbers' },
  { href: '/settings', label: 'Settings' },
] as const;

function isCurrentSection(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The top bar: brand, main navigation, the signed-in user, the theme switch and Sign out. On
 * phone widths the navigation and user area fold into a "Menu" button.
 */
export function AppHeader() {
  const { pathname } = useLocation();
  const { session, setSession } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);

  // A page change closes the phone menu.
  useEffect(() => setMenuOpen(false), [pathname]);

  const signOut = async () => {
    setSignOutError(null);
    try {
      await apiSend<void>('DELETE', '/v1/session');
      setSession(null);
      navigate('/sign-in');
    } catch (error) {
      setSignOutError(describeError(error));
    }
  };

  return (
    <header class="app-header">
      <a class="brand" href="/">
        Switchboard
      </a>
      <button
        type="button"
        class="button small menu-button"
        aria-expanded={menuOpen}
        aria-controls="app-menu"
        onClick={() => setMenuOpen((open) => !open)}
      >
        Menu
      </button>
      <div id="app-menu" class="app-menu" data-open={menuOpen ? 'true' : 'false'}>
        <nav class="main-nav" aria-label="Main">
          <ul class="nav-links">
            {sections.map((section) => (
              <li key={section.href}>
                <a
                  href={section.href}
                  aria-current={isCurrentSection(section.href, pathname) ? 'page' : undefined}
                >
                  {section.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="user-area">
          {session !== undefined && session !== null && (
            <span class="user-name" title={session.user.email}>
              {session.user.name}
              <span class="visually-hidden"> ({session.organization.name})</span>
            </span>
          )}
          <ThemeToggle />
          <button type="button" class="button small" onClick={() => void signOut()}>
            Sign out
          </button>
          {signOutError !== null && (
            <span class="field-error" role="alert">
              {signOutError}
            </span>
          )}
        </div>
      </div>
    </header>
  );
}
