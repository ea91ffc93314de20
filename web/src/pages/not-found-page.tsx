import { useDocumentTitle } from '../hooks/use-document-title.js';

/** Any address the dashboard has no page for. */
export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div class="page">
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <a href="/">Go to the overview</a> or <a href="/calls">see the calls</a>.
      </p>
    </div>
  );
}
