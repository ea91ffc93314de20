/**
 * Dashboard sign-in sessions. A session is a random token in an HttpOnly cookie; only its hash is
 * stored, so a copy of the database signs nobody in. Sessions end when idle too long, at their
 * absolute expiry, on sign-out, or with their user.
 */
export const dashboardSessionsMigration = {
  version: 8,
  name: 'dashboard-sessions',
  sql: /* sql */ `
create table sessions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);
alter table sessions enable row level security;
create policy tenant_isolation on sessions using (org_id = app_current_org()) with check (org_id = app_current_org());
`,
} as const;
