import { useTheme } from '../hooks/use-theme.js';

/** A switch between the light and dark theme; the choice is remembered in this browser. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      class="button small"
      aria-pressed={dark}
      onClick={() => setTheme(dark ? 'light' : 'dark')}
    >
      Dark theme
    </button>
  );
}
