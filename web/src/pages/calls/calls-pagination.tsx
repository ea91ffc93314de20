import { pagePath } from './call-filters.js';

/** "Newer" and "Next page" links; the URL carries the cursors, so they survive a reload. */
export function CallsPagination(props: {
  params: URLSearchParams;
  cursor: string | undefined;
  back: readonly string[];
  nextCursor: string | null;
}) {
  const { params, cursor, back, nextCursor } = props;
  if (cursor === undefined && nextCursor === null) return null;
  const newer =
    cursor === undefined
      ? null
      : pagePath(params, { cursor: back.at(-1), back: back.slice(0, -1) });
  const older =
    nextCursor === null
      ? null
      : pagePath(params, {
          cursor: nextCursor,
          back: cursor === undefined ? [] : [...back, cursor],
        });
  return (
    <nav class="row pagination" aria-label="Pages of calls">
      {newer !== null && (
        <a class="button" href={newer} rel="prev">
          Newer
        </a>
      )}
      {older !== null && (
        <a class="button" href={older} rel="next">
          Next page
        </a>
      )}
    </nav>
  );
}
