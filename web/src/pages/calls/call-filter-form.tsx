import { useEffect, useState } from 'preact/hooks';
import {
  CALL_DIRECTIONS,
  CALL_DISPOSITIONS,
  CALL_STATUSES,
  SENTIMENTS,
  type Agent,
} from '../../api/types.js';
import { SelectField } from '../../components/select-field.js';
import { TextField } from '../../components/text-field.js';
import { humanize } from '../../format/labels.js';
import { navigate } from '../../router.js';
import { filtersPath, hasFilters, type CallFilters } from './call-filters.js';

const PHONE_WIDTH = '(max-width: 640px)';

const options = (values: readonly string[]) =>
  values.map((value) => ({ value, label: humanize(value) }));

/** The filters of the calls list; applying them puts them in the URL (first page). */
export function CallFilterForm(props: {
  filters: CallFilters;
  agents: readonly Agent[] | undefined;
}) {
  const [draft, setDraft] = useState<CallFilters>(props.filters);
  // On a phone the filters would push the calls below the fold: folded unless some are set.
  const filtered = hasFilters(props.filters);
  const [open, setOpen] = useState(() => filtered || !window.matchMedia(PHONE_WIDTH).matches);
  useEffect(() => {
    const phone = window.matchMedia(PHONE_WIDTH);
    const follow = () => setOpen(filtered || !phone.matches);
    phone.addEventListener('change', follow);
    return () => phone.removeEventListener('change', follow);
  }, [filtered]);
  const set = (key: keyof CallFilters) => (value: string) =>
    setDraft((previous) => ({ ...previous, [key]: value }));

  const submit = (event: Event) => {
    event.preventDefault();
    navigate(filtersPath(draft));
  };

  const agentOptions = (props.agents ?? []).map((agent) => ({
    value: agent.id,
    label: agent.name,
  }));
  // A filtered agent that is not (or not yet) in the list still shows as selected.
  if (draft.agent !== '' && !agentOptions.some((option) => option.value === draft.agent)) {
    agentOptions.push({
      value: draft.agent,
      label: props.agents === undefined ? 'Loading…' : 'Archived agent',
    });
  }

  return (
    <form class="card call-filters" role="search" aria-label="Filter calls" onSubmit={submit}>
      <details
        class="filter-details"
        open={open}
        onToggle={(event) => setOpen(event.currentTarget.open)}
      >
        <summary>Filters</summary>
        <div class="filter-grid">
          <TextField label="From" type="date" value={draft.from} onValue={set('from')} />
          <TextField label="To" type="date" value={draft.to} onValue={set('to')} />
          <SelectField
            label="Agent"
            value={draft.agent}
            onValue={set('agent')}
            emptyLabel="Any agent"
            options={agentOptions}
          />
          <TextField
            label="Number"
            type="tel"
            value={draft.number}
            onValue={set('number')}
            placeholder="+14155550123"
          />
          <SelectField
            label="Direction"
            value={draft.direction}
            onValue={set('direction')}
            emptyLabel="Any direction"
            options={options(CALL_DIRECTIONS)}
          />
          <SelectField
            label="Status"
            value={draft.status}
            onValue={set('status')}
            emptyLabel="Any status"
            options={options(CALL_STATUSES)}
          />
          <SelectField
            label="Outcome"
            value={draft.outcome}
            onValue={set('outcome')}
            emptyLabel="Any outcome"
            options={options(CALL_DISPOSITIONS)}
          />
          <SelectField
            label="Sentiment"
            value={draft.sentiment}
            onValue={set('sentiment')}
            emptyLabel="Any sentiment"
            options={options(SENTIMENTS)}
          />
          <TextField
            label="Search transcripts"
            type="search"
            value={draft.search}
            onValue={set('search')}
          />
        </div>
        <div class="row filter-actions">
          <button type="submit" class="button primary">
            Apply filters
          </button>
          {hasFilters(props.filters) && (
            <a class="button" href="/calls">
              Clear filters
            </a>
          )}
        </div>
      </details>
    </form>
  );
}
