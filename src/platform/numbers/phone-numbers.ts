import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { TenantTransaction } from '../db/switchboard-database.js';

export type Carrier = 'twilio' | 'signalwire';

export interface PhoneNumber {
  readonly id: string;
  readonly number: string;
  readonly carrier: Carrier;
  readonly capabilities: { readonly voice: boolean; readonly sms: boolean };
  readonly inboundAgentId: string | null;
  readonly active: boolean;
  readonly label: string | null;
  readonly lastWebhookAt: Date | null;
  readonly lastWebhookSigned: boolean | null;
  readonly createdAt: Date;
}

export interface PhoneNumberInput {
  readonly number: string;
  readonly carrier?: Carrier;
  readonly capabilities?: { readonly voice?: boolean; readonly sms?: boolean };
  readonly inboundAgentId?: string | null;
  readonly active?: boolean;
  readonly label?: string | null;
}

/** A number that libphonenumber does not accept as a real, dialable number. */
export class InvalidPhoneNumberError extends Error {
  constructor(readonly input: string) {
    super(
      `${JSON.stringify(input)} is not a valid phone number; write it in E.164 form such as +14155550123`,
    );
    this.name = 'InvalidPhoneNumberError';
  }
}

/**
 * North American area code 555 is not assigned to any region; Switchboard's demo mode and tests
 * use it, so it is accepted although libphonenumber (rightly) calls it invalid.
 */
const DEMO_RANGE = /^\+1555\d{7}$/;

/**
 * `+1 415 555 0123`, `(415) 555-0123` with a default country → E.164. Uses libphonenumber's full
 * metadata, so numbers in unassigned ranges are refused rather than stored.
 */
export function toE164(input: string, defaultCountry?: 'US'): string {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  if (parsed === undefined) throw new InvalidPhoneNumberError(input);
  if (parsed.isValid() || (parsed.isPossible() && DEMO_RANGE.test(parsed.number)))
    return parsed.number;
  throw new InvalidPhoneNumberError(input);
}

export async function createPhoneNumber(
  trx: TenantTransaction,
  orgId: string,
  input: PhoneNumberInput,
): Promise<PhoneNumber> {
  const row = await trx
    .insertInto('phone_numbers')
    .values({
      org_id: orgId,
      number: toE164(input.number),
      carrier: input.carrier ?? 'twilio',
      voice_enabled: input.capabilities?.voice ?? true,
      sms_enabled: input.capabilities?.sms ?? false,
      inbound_agent_id: input.inboundAgentId ?? null,
      active: input.active ?? true,
      label: input.label ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPhoneNumber(row);
}

export async function updatePhoneNumber(
  trx: TenantTransaction,
  id: string,
  input: Partial<PhoneNumberInput>,
): Promise<PhoneNumber | undefined> {
  const row = await trx
    .updateTable('phone_numbers')
    .set({
      ...(input.number !== undefined ? { number: toE164(input.number) } : {}),
      ...(input.carrier !== undefined ? { carrier: input.carrier } : {}),
      ...(input.capabilities?.voice !== undefined
        ? { voice_enabled: input.capabilities.voice }
        : {}),
      ...(input.capabilities?.sms !== undefined ? { sms_enabled: input.capabilities.sms } : {}),
      ...(input.inboundAgentId !== undefined ? { inbound_agent_id: input.inboundAgentId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.label !== undefined ? { label: input.label } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toPhoneNumber(row);
}

export async function listPhoneNumbers(trx: TenantTransaction): Promise<PhoneNumber[]> {
  return (await trx.selectFrom('phone_numbers').selectAll().orderBy('number').execute()).map(
    toPhoneNumber,
  );
}

export async function getPhoneNumber(
  trx: TenantTransaction,
  id: string,
): Promise<PhoneNumber | undefined> {
  const row = await trx
    .selectFrom('phone_numbers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toPhoneNumber(row);
}

export async function deletePhoneNumber(trx: TenantTransaction, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('phone_numbers').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function toPhoneNumber(row: {
  id: string;
  number: string;
  carrier: Carrier;
  voice_enabled: boolean;
  sms_enabled: boolean;
  inbound_agent_id: string | null;
  active: boolean;
  label: string | null;
  last_webhook_at: Date | null;
  last_webhook_signed: boolean | null;
  created_at: Date;
}): PhoneNumber {
  return {
    id: row.id,
    number: row.number,
    carrier: row.carrier,
    capabilities: { voice: row.voice_enabled, sms: row.sms_enabled },
    inboundAgentId: row.inbound_agent_id,
    active: row.active,
    label: row.label,
    lastWebhookAt: row.last_webhook_at,
    lastWebhookSigned: row.last_webhook_signed,
    createdAt: row.created_at,
  };
}
