/**
 * The service department: customers, vehicles, bays, opening hours, appointments and history.
 * Double booking is impossible at the database level: an exclusion constraint forbids two booked
 * appointments overlapping on one bay, whatever the application does.
 */
export const bookingMigration = {
  version: 4,
  name: 'booking',
  sql: /* sql */ `
create extension if not exists btree_gist schema public;

create table customers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id) on delete cascade,
  first_name text not null,
  last_name text not null,
  phone text,
  email text,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index customers_org_phone_idx on customers (org_id, phone);
create index customers_org_name_idx on customers (org_id, lower(last_name), lower(first_name));

create table vehicles (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id) on delete cascade,
  customer_id uuid not null references customers(id) on delete cascade,
  vin text not null check (vin ~ '^[A-HJ-NPR-Z0-9]{17}$'),
  make text,
  model text,
  model_year integer,
  mileage integer,
  created_at timestamptz not null default now(),
  unique (org_id, vin)
);
create index vehicles_customer_idx on vehicles (customer_id);

create table service_bays (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id) on delete cascade,
  name text not null,
  active boolean not null default true,
  unique (org_id, name)
);

create table business_hours (
  org_id uuid not null references organizations(id) on delete cascade,
  weekday integer not null check (weekday between 0 and 6),
  opens time not null,
  closes time not null check (closes > opens),
  primary key (org_id, weekday, opens)
);

create table appointments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id) on delete cascade,
  customer_id uuid not null references customers(id) on delete cascade,
  vehicle_id uuid references vehicles(id) on delete set null,
  bay_id uuid not null references service_bays(id),
  service_type text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  status text not null default 'booked' check (status in ('booked', 'cancelled', 'completed', 'no-show')),
  notes text,
  cancel_reason text,
  call_id uuid references calls(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint appointments_no_double_booking exclude using gist (
    bay_id with =, tstzrange(starts_at, ends_at) with &&
  ) where (status = 'booked')
);
create index appointments_org_starts_idx on appointments (org_id, starts_at);
create index appointments_customer_idx on appointments (customer_id, starts_at);

create table service_history (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations(id) on delete cascade,
  vehicle_id uuid not null references vehicles(id) on delete cascade,
  performed_at timestamptz not null,
  service_type text not null,
  mileage integer,
  notes text,
  cost numeric(12, 2)
);
create index service_history_vehicle_idx on service_history (vehicle_id, performed_at desc);

alter table customers enable row level security;
create policy tenant_isolation on customers using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table vehicles enable row level security;
create policy tenant_isolation on vehicles using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table service_bays enable row level security;
create policy tenant_isolation on service_bays using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table business_hours enable row level security;
create policy tenant_isolation on business_hours using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table appointments enable row level security;
create policy tenant_isolation on appointments using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table service_history enable row level security;
create policy tenant_isolation on service_history using (org_id = app_current_org()) with check (org_id = app_current_org());
`,
} as const;
