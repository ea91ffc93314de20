import type { Agent, CallSummary, ListEnvelope, Page } from '../../api/types.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useApiGet } from '../../hooks/use-api-get.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import { useLocation } from '../../router.js';
import '../../styles/calls.css';
import { CallFilterForm } from './call-filter-form.js';
import { hasFilters, readBackCursors, readFilters, toApiQuery } from './call-filters.js';
import { CallsPagination } from './calls-pagination.js';
import { CallsTable } from './calls-table.js';
import { LiveNow } from './live-now.js';

/**
 * `/calls`: live calls on top, then the call history with its filters (kept in the URL) and
 * cursor pages. The page of calls, the agent list and the live stream are asked for at once.
 */
export function CallsPage() {
  useDocumentTitle('Calls');
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const filters = readFilters(params);
  const cursor = params.get('cursor') ?? undefined;
  const back = readBackCursors(params);
  const calls = useApiGet<Page<CallSummary>>('/v1/calls', toApiQuery(filters, cursor));
  const agents = useApiGet<ListEnvelope<Agent>>('/v1/agents');
  // The form is re-created when the URL's filters change (back button), so it shows them.
  const filterKey = JSON.stringify(filters);

  return (
    <div class="page">
      <div class="page-header">
        <h1>Calls</h1>
      </div>
      <LiveNow />
      <CallFilterForm key={filterKey} filters={filters} agents={agents.data?.data} />
      <section aria-labelledby="history-heading" class="stack">
        <h2 id="history-heading" class="visually-hidden">
          Call history
        </h2>
        {calls.error !== undefined ? (
          <ErrorNotice error={calls.error} onRetry={calls.reload} />
        ) : calls.data === undefined ? (
          <Loading label="Loading calls…" />
        ) : calls.data.data.length === 0 ? (
          <p class="notice">
            {hasFilters(filters) ? 'No calls match these filters.' : 'No calls yet.'}
          </p>
        ) : (
          <>
            <CallsTable calls={calls.data.data} />
            <CallsPagination
              params={params}
              cursor={cursor}
              back={back}
              nextCursor={calls.data.nextCursor}
            />
          </>
        )}
      </section>
    </div>
  );
}
