import { startOfLocalDay } from '../../format/date.js';

/** The filters of the calls list, as they sit in the page's URL. */
export interface CallFilters {
  /** Local days, `YYYY-MM-DD`; `to` includes its whole day. */
  readonly from: string;
  readonly to: string;
  readonly agent: string;
  readonly number: string;
  readonly direction: string;
  readonly status: string;
  /** The call's disposition. */
  readonly outcome: string;
  readonly sentiment: string;
  /** Words the transcript must contain. */
  readonly search: string;
}

const filterKeys = [
  'from',
  'to',
  'agent',
  'number',
  'direction',
  'status',
  'outcome',
  'sentiment',
  'search',
] as const satisfies readonly (keyof CallFilters)[];

export const PAGE_SIZE = 50;

/** Reads the filters from the URL's query; missing ones are empty. */
export function readFilters(params: URLSearchParams): CallFilters {
  const entries = filterKeys.map((key) => [key, params.get(key)?.trim() ?? ''] as const);
  return Object.fromEntries(entries) as Record<keyof CallFilters, string>;
}

/** True when any filter is set. */
export function hasFilters(filters: CallFilters): boolean {
  return filterKeys.some((key) => filters[key] !== '');
}

/** The list's address for these filters, on its first page. */
export function filtersPath(filters: CallFilters): string {
  const params = new URLSearchParams();
  for (const key of filterKeys) if (filters[key] !== '') params.set(key, filters[key]);
  const search = params.toString();
  return search === '' ? '/calls' : `/calls?${search}`;
}

/** The `GET /v1/calls` query for these filters and page. */
export function toApiQuery(
  filters: CallFilters,
  cursor: string | undefined,
): Record<string, string | number | undefined> {
  return {
    limit: PAGE_SIZE,
    cursor,
    from: startOfLocalDay(filters.from),
    to: startOfLocalDay(filters.to, 1),
    agentId: filters.agent || undefined,
    number: filters.number || undefined,
    direction: filters.direction || undefined,
    status: filters.status || undefined,
    disposition: filters.outcome || undefined,
    sentiment: filters.sentiment || undefined,
    search: filters.search || undefined,
  };
}

/**
 * Page links. The URL keeps the current page's `cursor` and, in `back`, the cursors of the
 * pages before it (dot-separated; cursors are base64url), so "Newer" works after a reload too.
 */
export function pagePath(
  params: URLSearchParams,
  page: { cursor: string | undefined; back: readonly string[] },
): string {
  const next = new URLSearchParams(params);
  next.delete('cursor');
  next.delete('back');
  if (page.cursor !== undefined) next.set('cursor', page.cursor);
  if (page.back.length > 0) next.set('back', page.back.join('.'));
  const search = next.toString();
  return search === '' ? '/calls' : `/calls?${search}`;
}

/** The cursors of the pages before the current one, oldest first. */
export function readBackCursors(params: URLSearchParams): string[] {
  return (params.get('back') ?? '').split('.').filter((cursor) => cursor !== '');
}
