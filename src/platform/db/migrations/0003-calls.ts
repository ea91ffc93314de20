/**
 * Call records and what hangs off them. The call id is the engine's call id, created when the call
 * is routed, so every later write (events, recording, recovery) can find its row.
 */
export const callsMigration = {
  version: 3,
  name: 'calls',
  sql: /* sql */ `
create table calls (
  id uuid primary key,
  org_id uuid not null references organizations(id) on delete cascade,
  direction text not null check (direction in ('inbound', 'outbound')),
  status text not null check (status in ('queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled')),
  from_number text not null,
  to_number text not null,
  carrier text not null,
  carrier_call_id text,
  agent_id uuid references agents(id) on delete set null,
  agent_version integer,
  agent_name text,
  routed_by text not null check (routed_by in ('conversation', 'carrier-parameter', 'number', 'default-agent', 'api', 'none')),
  variables jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  answered_at timestamptz,
  ended_at timestamptz,
  duration_ms integer,
  end_reason text,
  disposition text check (disposition in ('completed', 'no-answer', 'busy', 'failed', 'voicemail', 'transferred', 'canceled')),
  turn_count integer not null default 0,
  interruption_count integer not null default 0,
  latency_p50_ms integer,
  latency_p95_ms integer,
  recording_key text,
  recording_duration_ms integer,
  total_cost numeric(14, 6) not null default 0,
  last_event_seq integer not null default -1,
  updated_at timestamptz not null default now()
);
create index calls_org_created_idx on calls (org_id, created_at desc, id desc);
create index calls_org_agent_created_idx on calls (org_id, agent_id, created_at desc, id desc);
create unique index calls_carrier_call_key on calls (carrier, carrier_call_id) where carrier_call_id is not null;
create index calls_open_idx on calls (status) where ended_at is null;

create table call_transcript_turns (
  call_id uuid not null references calls(id) on delete cascade,
  org_id uuid not null references organizations(id) on delete cascade,
  seq integer not null,
  turn integer not null,
  speaker text not null check (speaker in ('caller', 'agent')),
  text text not null,
  start_ms integer not null,
  end_ms integer not null,
  interrupted boolean not null default false,
  primary key (call_id, seq)
);

create table call_tool_calls (
  call_id uuid not null references calls(id) on delete cascade,
  org_id uuid not null references organizations(id) on delete cascade,
  tool_call_id text not null,
  seq integer not null,
  name text not null,
  arguments text not null,
  result text,
  error text,
  duration_ms integer,
  offset_ms integer not null,
  primary key (call_id, tool_call_id)
);

create table call_turn_metrics (
  call_id uuid not null references calls(id) on delete cascade,
  org_id uuid not null references organizations(id) on delete cascade,
  turn integer not null,
  endpointing_ms integer not null,
  stt_ms integer not null,
  llm_ms integer not null,
  tts_ms integer not null,
  tool_ms integer not null,
  overhead_ms integer not null,
  total_ms integer not null,
  primary key (call_id, turn)
);

create table call_usage (
  call_id uuid not null references calls(id) on delete cascade,
  org_id uuid not null references organizations(id) on delete cascade,
  seq integer not null,
  kind text not null check (kind in ('stt', 'llm', 'tts', 'telephony')),
  provider text not null,
  model text not null,
  input_tokens integer not null default 0,
  output_tokens integer not null default 0,
  characters integer not null default 0,
  audio_seconds numeric(12, 3) not null default 0,
  cost numeric(14, 6) not null default 0,
  primary key (call_id, seq)
);

alter table calls enable row level security;
create policy tenant_isolation on calls using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table call_transcript_turns enable row level security;
create policy tenant_isolation on call_transcript_turns using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table call_tool_calls enable row level security;
create policy tenant_isolation on call_tool_calls using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table call_turn_metrics enable row level security;
create policy tenant_isolation on call_turn_metrics using (org_id = app_current_org()) with check (org_id = app_current_org());
alter table call_usage enable row level security;
create policy tenant_isolation on call_usage using (org_id = app_current_org()) with check (org_id = app_current_org());
`,
} as const;
