import { render } from 'preact';
import { App } from './app.js';
import { applyStoredTheme } from './hooks/use-theme.js';
import { isRoutableClick, navigate } from './router.js';
import './styles/theme.css';
import './styles/layout.css';

applyStoredTheme();

// Every link to a dashboard page is followed without a reload, including links the pages render
// as plain <a href> elements.
document.addEventListener('click', (event) => {
  const anchor = event.target instanceof Element ? event.target.closest('a') : null;
  if (anchor === null || !isRoutableClick(event, anchor)) return;
  event.preventDefault();
  const url = new URL(anchor.href, window.location.href);
  navigate(url.pathname + url.search + url.hash);
});

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
