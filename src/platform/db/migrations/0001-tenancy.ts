/**
 * Organisations, users, API keys and provider credentials, with row-level security keyed on the
 * `app.org_id` setting. Tenant work runs as the `switchboard_tenant` role (see tenant-scope.ts);
 * the owner connection bypasses RLS and is used only by code that says it works across tenants.
 */
export const tenancyMigration = {
  version: 1,
  name: 'tenancy',
  sql: /* sql */ `
do $$ begin
  create role switchboard_tenant nologin;
exception when duplicate_object then null;
end $$;

do $$ begin
  execute format('grant switchboard_tenant to %I', current_user);
exception when others then null;
end $$;

create function app_current_org() returns uuid language sql stable as $fn$
  select nullif(current_setting('app.org_id', true), '')::uuid
$fn$;

create table organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null unique,
  time_zone text not null default 'UTC',
  default_agent_id uuid,
  settings jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id) on delete cascade,
  email text not null,
  name text,
  password_hash text not null,
  role text not null check (role in ('owner', 'admin', 'viewer')),
  created_at timestamptz not null default now(),
  last_login_at timestamptz
);
create unique index users_email_key on users (lower(email));
create index users_org_idx on users (org_id);

create table api_keys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id) on delete cascade,
  name text not null,
  prefix text not null,
  key_hash text not null unique,
  role text not null default 'admin' check (role in ('admin', 'viewer')),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_org_idx on api_keys (org_id);

create table provider_credentials (
  org_id uuid not null references organizations(id) on delete cascade,
  provider text not null,
  public_id text,
  secret_ciphertext text not null,
  hint text not null default '',
  updated_at timestamptz not null default now(),
  primary key (org_id, provider)
);
create index provider_credentials_public_idx on provider_credentials (provider, public_id);

alter table organizations enable row level security;
create policy tenant_isolation on organizations using (id = app_current_org()) with check (id = app_current_org());
alter table users enable row level security;
create policy tenant_isolation on users using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table api_keys enable row level security;
create policy tenant_isolation on api_keys using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table provider_credentials enable row level security;
create policy tenant_isolation on provider_credentials using (org_id = app_current_org()) with check (org_id = app_current_org());
`,
} as const;
