import { useCallback, useEffect, useState } from 'preact/hooks';

export type Theme = 'light' | 'dark';

const storageKey = 'switchboard.theme';
const darkQuery = '(prefers-color-scheme: dark)';

function storedTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(storageKey);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // Storage can be disabled; the system preference still applies.
  }
}

function systemTheme(): Theme {
  return window.matchMedia(darkQuery).matches ? 'dark' : 'light';
}

/** Applies the remembered theme before the first render, so the page does not flash. */
export function applyStoredTheme(): void {
  const theme = storedTheme();
  if (theme !== null) document.documentElement.dataset.theme = theme;
}

const themeListeners = new Set<(theme: Theme) => void>();

/**
 * The theme in effect (the remembered choice, else the system's) and a setter that remembers a
 * choice in localStorage. Components that draw with theme colours (charts, waveforms) re-read
 * the CSS variables when it changes.
 */
export function useTheme(): { theme: Theme; setTheme(theme: Theme): void } {
  const [theme, setThemeState] = useState<Theme>(() => storedTheme() ?? systemTheme());

  useEffect(() => {
    const media = window.matchMedia(darkQuery);
    const onSystemChange = () => {
      if (storedTheme() === null) setThemeState(systemTheme());
    };
    media.addEventListener('change', onSystemChange);
    themeListeners.add(setThemeState);
    return () => {
      media.removeEventListener('change', onSystemChange);
      themeListeners.delete(setThemeState);
    };
  }, []);

  const setTheme = useCallback((next: Theme) => {
    document.documentElement.dataset.theme = next;
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered, but applied for this visit.
    }
    for (const listener of themeListeners) listener(next);
  }, []);

  return { theme, setTheme };
}

/** Reads a CSS variable of the document (e.g. `--caller`) as the theme now defines it. */
export function readCssVariable(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
