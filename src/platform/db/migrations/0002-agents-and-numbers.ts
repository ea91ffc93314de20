/**
 * Agents with immutable versions (a call records which version answered it) and phone numbers.
 * A number belongs to one organisation installation-wide: the router finds it before it knows
 * the organisation.
 */
export const agentsAndNumbersMigration = {
  version: 2,
  name: 'agents-and-numbers',
  sql: /* sql */ `
create table agents (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id) on delete cascade,
  name text not null,
  current_version integer not null default 1,
  source text not null default 'api' check (source in ('api', 'provisioning-file')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  unique (org_id, name)
);

create table agent_versions (
  agent_id uuid not null references agents(id) on delete cascade,
  org_id uuid not null references organizations(id) on delete cascade,
  version integer not null,
  definition jsonb not null,
  created_at timestamptz not null default now(),
  primary key (agent_id, version)
);
create index agent_versions_org_idx on agent_versions (org_id);

alter table organizations
  add constraint organizations_default_agent_fk foreign key (default_agent_id) references agents(id) on delete set null;

create table phone_numbers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id) on delete cascade,
  number text not null unique check (number ~ '^\\+[1-9][0-9]{6,14}$'),
  carrier text not null check (carrier in ('twilio', 'signalwire')),
  voice_enabled boolean not null default true,
  sms_enabled boolean not null default false,
  inbound_agent_id uuid references agents(id) on delete set null,
  active boolean not null default true,
  label text,
  last_webhook_at timestamptz,
  last_webhook_signed boolean,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index phone_numbers_org_idx on phone_numbers (org_id);

alter table agents enable row level security;
create policy tenant_isolation on agents using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table agent_versions enable row level security;
create policy tenant_isolation on agent_versions using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table phone_numbers enable row level security;
create policy tenant_isolation on phone_numbers using (org_id = app_current_org()) with check (org_id = app_current_org());
`,
} as const;
