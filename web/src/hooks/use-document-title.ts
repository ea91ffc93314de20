import { useEffect } from 'preact/hooks';

/** Sets the browser tab's title to "<title> · Switchboard" while the page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Switchboard`;
  }, [title]);
}
