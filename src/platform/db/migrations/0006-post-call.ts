/**
 * After the call: the analysis stored on the call, the organisation's webhook endpoints, the
 * events it is told about, one delivery per event and endpoint with every attempt, and the emails
 * sent (or written to the outbox).
 *
 * Deliveries are an ordered outbox rather than generic jobs: a delivery waits for the earlier
 * deliveries of the same subject (a call, an appointment) to the same endpoint, which is what
 * keeps `call.analyzed` behind `call.ended` whatever order the facts arrived in. `seq` gives that
 * order; `next_attempt_at` and `locked_until` make a delivery due or leased.
 */
export const postCallMigration = {
  version: 6,
  name: 'post-call',
  sql: /* sql */ `
alter table calls
  add column analysis jsonb,
  add column analysis_status text not null default 'none'
    check (analysis_status in ('none', 'pending', 'done', 'failed')),
  add column analyzed_at timestamptz;

create table webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id) on delete cascade,
  url text not null,
  description text,
  events text[] not null,
  secret_ciphertext text not null,
  active boolean not null default true,
  paused_at timestamptz,
  pause_reason text,
  consecutive_failures integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index webhook_endpoints_org_idx on webhook_endpoints (org_id, created_at, id);

create table webhook_events (
  id uuid primary key,
  org_id uuid not null references organizations(id) on delete cascade,
  type text not null,
  call_id uuid,
  subject_id text not null,
  payload jsonb not null,
  created_at timestamptz not null default now()
);
create index webhook_events_org_created_idx on webhook_events (org_id, created_at desc, id desc);
create index webhook_events_call_idx on webhook_events (call_id) where call_id is not null;

create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity,
  org_id uuid not null references organizations(id) on delete cascade,
  endpoint_id uuid not null references webhook_endpoints(id) on delete cascade,
  event_id uuid not null references webhook_events(id) on delete cascade,
  event_type text not null,
  call_id uuid,
  subject_id text not null,
  status text not null default 'pending'
    check (status in ('pending', 'delivered', 'failed', 'cancelled')),
  attempt_count integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_status_code integer,
  last_error text,
  delivered_at timestamptz,
  replay_of uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index webhook_deliveries_queue_idx on webhook_deliveries (endpoint_id, subject_id, seq)
  where status = 'pending';
-- Every delivery is updated twice (leased, then done), and the claim scans the pending index:
-- dead entries must be cleaned up within seconds, not after 20% of the table has churned.
alter table webhook_deliveries set (
  autovacuum_vacuum_scale_factor = 0.0, autovacuum_vacuum_threshold = 5000,
  autovacuum_vacuum_cost_delay = 0, fillfactor = 80);
create index webhook_deliveries_org_seq_idx on webhook_deliveries (org_id, seq desc);
create index webhook_deliveries_org_status_idx on webhook_deliveries (org_id, status, seq desc);
create index webhook_deliveries_event_idx on webhook_deliveries (event_id);
create index webhook_deliveries_call_idx on webhook_deliveries (call_id) where call_id is not null;

create table webhook_attempts (
  delivery_id uuid not null references webhook_deliveries(id) on delete cascade,
  attempt integer not null,
  org_id uuid not null references organizations(id) on delete cascade,
  started_at timestamptz not null,
  latency_ms integer not null,
  status_code integer,
  error text,
  response_excerpt text,
  primary key (delivery_id, attempt)
);

create table emails (
  id uuid primary key,
  seq bigint generated always as identity,
  org_id uuid not null references organizations(id) on delete cascade,
  call_id uuid,
  kind text not null check (kind in ('call-summary', 'endpoint-paused')),
  recipients text[] not null,
  subject text not null,
  html text not null,
  text_body text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'outbox', 'failed')),
  transport text,
  message_id text,
  outbox_path text,
  error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index emails_org_seq_idx on emails (org_id, seq desc);
create index emails_call_idx on emails (call_id) where call_id is not null;

alter table webhook_endpoints enable row level security;
create policy tenant_isolation on webhook_endpoints using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table webhook_events enable row level security;
create policy tenant_isolation on webhook_events using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table webhook_deliveries enable row level security;
create policy tenant_isolation on webhook_deliveries using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table webhook_attempts enable row level security;
create policy tenant_isolation on webhook_attempts using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table emails enable row level security;
create policy tenant_isolation on emails using (org_id = app_current_org()) with check (org_id = app_current_org());
`,
} as const;
