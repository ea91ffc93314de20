/**
 * Indexes that keep the call list fast at millions of calls per organisation.
 *
 * Every list filter that is an equality gets an index ending in (created_at desc, id desc), so a
 * page is one bounded range scan in list order whatever the value's frequency: a rare status or a
 * caller's number never scans the whole organisation.
 *
 * Transcript search: a GIN index on `to_tsvector('simple', text)` (no extension; PGlite has it
 * too). Row-level security hides it from tenant queries: Postgres applies a query's conditions
 * only after the policy's, and may use an index only for conditions whose functions are
 * leakproof, which `@@` and `to_tsvector` are not. So tenants search through the view
 * `call_transcript_search`: a view reads its tables with its owner's rights (the owner is not
 * subject to row-level security), and the view applies the same organisation filter as the
 * policy itself. `with check option` keeps writes through it inside the organisation too.
 * The filter reads the organisation through a sub-select on purpose: written as a plain
 * `org_id = app_current_org()` the planner merges it with the `calls` policy's identical condition
 * and treats it as a policy condition again, which hides the index once more.
 */
export const callIndexesMigration = {
  version: 5,
  name: 'call-indexes',
  sql: /* sql */ `
create index calls_org_status_created_idx on calls (org_id, status, created_at desc, id desc);
create index calls_org_disposition_created_idx on calls (org_id, disposition, created_at desc, id desc);
create index calls_org_direction_created_idx on calls (org_id, direction, created_at desc, id desc);
create index calls_org_from_created_idx on calls (org_id, from_number, created_at desc, id desc);
create index calls_org_to_created_idx on calls (org_id, to_number, created_at desc, id desc);

create index call_transcript_turns_text_idx on call_transcript_turns using gin (to_tsvector('simple', text));

create view call_transcript_search as
  select org_id, call_id, seq, text
  from call_transcript_turns
  where org_id = (select app_current_org())
  with cascaded check option;
`,
} as const;
