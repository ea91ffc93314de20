import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/*
 * Row types as Kysely sees them. Column names are the database's (snake_case); repositories map
 * rows to the camelCase shapes the rest of the code uses. Numeric columns come back as strings:
 * money and usage stay exact decimals end to end.
 */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
type Decimal = ColumnType<string, string | number | undefined, string | number>;
type Json<T extends object> = JSONColumnType<T, string, string>;

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  slug: string;
  time_zone: Generated<string>;
  default_agent_id: string | null;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  org_id: string;
  email: string;
  name: string | null;
  password_hash: string;
  role: 'owner' | 'admin' | 'viewer';
  created_at: Timestamp;
  last_login_at: NullableTimestamp;
}

export interface ApiKeysTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: Generated<'admin' | 'viewer'>;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  org_id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
}

export interface ProviderCredentialsTable {
  org_id: string;
  provider: string;
  public_id: string | null;
  secret_ciphertext: string;
  hint: Generated<string>;
  updated_at: Timestamp;
}

export interface AgentsTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  current_version: Generated<number>;
  source: Generated<'api' | 'provisioning-file'>;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: NullableTimestamp;
}

export interface AgentVersionsTable {
  agent_id: string;
  org_id: string;
  version: number;
  definition: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface PhoneNumbersTable {
  id: Generated<string>;
  org_id: string;
  number: string;
  carrier: 'twilio' | 'signalwire';
  voice_enabled: Generated<boolean>;
  sms_enabled: Generated<boolean>;
  inbound_agent_id: string | null;
  active: Generated<boolean>;
  label: string | null;
  last_webhook_at: NullableTimestamp;
  last_webhook_signed: boolean | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type CallStatus =
  'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled';
export type CallDisposition =
  'completed' | 'no-answer' | 'busy' | 'failed' | 'voicemail' | 'transferred' | 'canceled';
export type RoutingRule =
  'conversation' | 'carrier-parameter' | 'number' | 'default-agent' | 'api' | 'none';

export interface CallsTable {
  id: string;
  org_id: string;
  direction: 'inbound' | 'outbound';
  status: CallStatus;
  from_number: string;
  to_number: string;
  carrier: string;
  carrier_call_id: string | null;
  agent_id: string | null;
  agent_version: number | null;
  agent_name: string | null;
  routed_by: RoutingRule;
  variables: ColumnType<Record<string, string>, string | undefined, string>;
  created_at: Timestamp;
  answered_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  duration_ms: number | null;
  end_reason: string | null;
  disposition: CallDisposition | null;
  turn_count: Generated<number>;
  interruption_count: Generated<number>;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  recording_key: string | null;
  recording_duration_ms: number | null;
  total_cost: Decimal;
  last_event_seq: Generated<number>;
  updated_at: Timestamp;
  /** The post-call analysis (see platform/analysis), once made. */
  analysis: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  analysis_status: Generated<'none' | 'pending' | 'done' | 'failed'>;
  analyzed_at: NullableTimestamp;
}

export interface CallTranscriptTurnsTable {
  call_id: string;
  org_id: string;
  seq: number;
  turn: number;
  speaker: 'caller' | 'agent';
  text: string;
  start_ms: number;
  end_ms: number;
  interrupted: boolean;
}

export interface CallToolCallsTable {
  call_id: string;
  org_id: string;
  tool_call_id: string;
  seq: number;
  name: string;
  arguments: string;
  result: string | null;
  error: string | null;
  duration_ms: number | null;
  offset_ms: number;
}

export interface CallTurnMetricsTable {
  call_id: string;
  org_id: string;
  turn: number;
  endpointing_ms: number;
  stt_ms: number;
  llm_ms: number;
  tts_ms: number;
  tool_ms: number;
  overhead_ms: number;
  total_ms: number;
}

export interface CallUsageTable {
  call_id: string;
  org_id: string;
  /** The `usage` event's sequence number: one row per event, summed when read. */
  seq: number;
  kind: 'stt' | 'llm' | 'tts' | 'telephony';
  provider: string;
  model: string;
  input_tokens: Generated<number>;
  output_tokens: Generated<number>;
  characters: Generated<number>;
  audio_seconds: Decimal;
  cost: Decimal;
}

export interface CustomersTable {
  id: Generated<string>;
  org_id: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VehiclesTable {
  id: Generated<string>;
  org_id: string;
  customer_id: string;
  vin: string;
  make: string | null;
  model: string | null;
  model_year: number | null;
  mileage: number | null;
  created_at: Timestamp;
}

export interface ServiceBaysTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  active: Generated<boolean>;
}

export interface BusinessHoursTable {
  org_id: string;
  weekday: number;
  /** `HH:MM:SS` as Postgres prints a `time`. */
  opens: string;
  closes: string;
}

export type AppointmentStatus = 'booked' | 'cancelled' | 'completed' | 'no-show';

export interface AppointmentsTable {
  id: Generated<string>;
  org_id: string;
  customer_id: string;
  vehicle_id: string | null;
  bay_id: string;
  service_type: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: Generated<AppointmentStatus>;
  notes: string | null;
  cancel_reason: string | null;
  call_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServiceHistoryTable {
  id: Generated<string>;
  org_id: string;
  vehicle_id: string;
  performed_at: Timestamp;
  service_type: string;
  mileage: number | null;
  notes: string | null;
  cost: ColumnType<string | null, string | number | null | undefined, string | number | null>;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface WebhookEndpointsTable {
  id: Generated<string>;
  org_id: string;
  url: string;
  description: string | null;
  events: string[];
  secret_ciphertext: string;
  active: Generated<boolean>;
  paused_at: NullableTimestamp;
  pause_reason: string | null;
  consecutive_failures: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookEventsTable {
  id: string;
  org_id: string;
  type: string;
  call_id: string | null;
  /** What the event is about (a call, an appointment): deliveries keep their order per subject. */
  subject_id: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  org_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  call_id: string | null;
  subject_id: string;
  status: Generated<WebhookDeliveryStatus>;
  attempt_count: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: NullableTimestamp;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: NullableTimestamp;
  replay_of: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: number;
  org_id: string;
  started_at: Timestamp;
  latency_ms: number;
  status_code: number | null;
  error: string | null;
  response_excerpt: string | null;
}

export type EmailStatus = 'pending' | 'sent' | 'outbox' | 'failed';

export interface EmailsTable {
  id: string;
  seq: ColumnType<string, never, never>;
  org_id: string;
  call_id: string | null;
  kind: 'call-summary' | 'endpoint-paused';
  recipients: string[];
  subject: string;
  html: string;
  text_body: string;
  status: Generated<EmailStatus>;
  transport: string | null;
  message_id: string | null;
  outbox_path: string | null;
  error: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

/** Every table Switchboard owns. */
export interface DatabaseSchema {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  provider_credentials: ProviderCredentialsTable;
  agents: AgentsTable;
  agent_versions: AgentVersionsTable;
  phone_numbers: PhoneNumbersTable;
  calls: CallsTable;
  call_transcript_turns: CallTranscriptTurnsTable;
  call_tool_calls: CallToolCallsTable;
  call_turn_metrics: CallTurnMetricsTable;
  call_usage: CallUsageTable;
  customers: CustomersTable;
  vehicles: VehiclesTable;
  service_bays: ServiceBaysTable;
  business_hours: BusinessHoursTable;
  appointments: AppointmentsTable;
  service_history: ServiceHistoryTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  emails: EmailsTable;
}
