import { z } from 'zod';
import type { ProvidersConfig } from '../../config/app-config.js';
import type { SwitchboardDatabase, TenantTransaction } from '../db/switchboard-database.js';
import type { SecretBox } from './secret-box.js';

const aiProvider = z.strictObject({
  apiKey: z.string().min(1),
  baseUrl: z.url().optional(),
});

/** What each provider's credential holds. Secrets are sealed; `publicId` stays searchable. */
export const providerCredentialSchemas = {
  openai: aiProvider,
  deepgram: aiProvider,
  elevenlabs: aiProvider,
  twilio: z.strictObject({
    accountSid: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio Account SID: AC followed by 32 hex digits'),
    authToken: z.string().min(1),
    apiBaseUrl: z.url().optional(),
  }),
  signalwire: z.strictObject({
    projectId: z.string().min(1),
    apiToken: z.string().min(1),
    spaceUrl: z.string().min(1),
    signingKey: z.string().min(1).optional(),
    apiBaseUrl: z.url().optional(),
  }),
} as const;

export type CredentialProvider = keyof typeof providerCredentialSchemas;
export const CREDENTIAL_PROVIDERS = Object.keys(providerCredentialSchemas) as CredentialProvider[];
export type ProviderCredential<P extends CredentialProvider> = z.infer<
  (typeof providerCredentialSchemas)[P]
>;
export type OrganizationCredentials = {
  readonly [P in CredentialProvider]?: ProviderCredential<P>;
};

/** What the API may show of a stored credential: never the secret. */
export interface CredentialSummary {
  readonly provider: CredentialProvider;
  readonly publicId: string | null;
  /** The last four characters of the secret. */
  readonly hint: string;
  readonly updatedAt: Date;
}

function publicIdOf(provider: CredentialProvider, value: Record<string, unknown>): string | null {
  if (provider === 'twilio') return String(value.accountSid);
  if (provider === 'signalwire') return String(value.projectId);
  return null;
}

function secretOf(provider: CredentialProvider, value: Record<string, unknown>): string {
  const secret =
    provider === 'twilio'
      ? value.authToken
      : provider === 'signalwire'
        ? value.apiToken
        : value.apiKey;
  return String(secret);
}

const context = (orgId: string, provider: string): string => `${orgId}/${provider}`;

/** Stores (or replaces) one provider's credential, sealed with the installation key. */
export async function setProviderCredential<P extends CredentialProvider>(
  trx: TenantTransaction,
  box: SecretBox,
  orgId: string,
  provider: P,
  value: ProviderCredential<P>,
): Promise<CredentialSummary> {
  const parsed = providerCredentialSchemas[provider].parse(value) as Record<string, unknown>;
  const secret = secretOf(provider, parsed);
  const row = {
    org_id: orgId,
    provider,
    public_id: publicIdOf(provider, parsed),
    secret_ciphertext: box.seal(JSON.stringify(parsed), context(orgId, provider)),
    hint: secret.slice(-4),
    updated_at: new Date(),
  };
  await trx
    .insertInto('provider_credentials')
    .values(row)
    .onConflict((conflict) => conflict.columns(['org_id', 'provider']).doUpdateSet(row))
    .execute();
  return { provider, publicId: row.public_id, hint: row.hint, updatedAt: row.updated_at };
}

export async function listProviderCredentials(
  trx: TenantTransaction,
): Promise<CredentialSummary[]> {
  const rows = await trx
    .selectFrom('provider_credentials')
    .select(['provider', 'public_id', 'hint', 'updated_at'])
    .execute();
  return rows.map((row) => ({
    provider: row.provider as CredentialProvider,
    publicId: row.public_id,
    hint: row.hint,
    updatedAt: row.updated_at,
  }));
}

export async function deleteProviderCredential(
  trx: TenantTransaction,
  provider: CredentialProvider,
): Promise<boolean> {
  const result = await trx
    .deleteFrom('provider_credentials')
    .where('provider', '=', provider)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Decrypts an organisation's credentials for use on its calls. Never returned by the API. */
export async function loadOrganizationCredentials(
  trx: TenantTransaction,
  box: SecretBox,
  orgId: string,
): Promise<OrganizationCredentials> {
  const rows = await trx
    .selectFrom('provider_credentials')
    .select(['provider', 'secret_ciphertext'])
    .execute();
  const credentials: Record<string, unknown> = {};
  for (const row of rows) {
    if (!(row.provider in providerCredentialSchemas)) continue;
    credentials[row.provider] = JSON.parse(
      box.open(row.secret_ciphertext, context(orgId, row.provider)),
    );
  }
  return credentials as OrganizationCredentials;
}

/** Which organisation owns a carrier account (webhook signature checks; routing). */
export async function findOrganizationByCarrierAccount(
  database: SwitchboardDatabase,
  provider: 'twilio' | 'signalwire',
  accountId: string,
): Promise<string | undefined> {
  return database.asSystem('routing', async (db) => {
    const row = await db
      .selectFrom('provider_credentials')
      .select('org_id')
      .where('provider', '=', provider)
      .where('public_id', '=', accountId)
      .executeTakeFirst();
    return row?.org_id;
  });
}

/** A carrier account an organisation stored, decrypted for signature checks and REST calls. */
export interface StoredCarrierAccount {
  readonly orgId: string;
  readonly carrier: 'twilio' | 'signalwire';
  readonly accountId: string;
  readonly authToken: string;
  readonly signingKey?: string;
}

/**
 * Every organisation's carrier accounts. Webhook signatures are checked before the organisation
 * is known (the account id is all the request says), so this spans organisations.
 */
export async function loadCarrierAccounts(
  database: SwitchboardDatabase,
  box: SecretBox,
): Promise<StoredCarrierAccount[]> {
  const rows = await database.asSystem('authentication', (db) =>
    db
      .selectFrom('provider_credentials')
      .select(['org_id', 'provider', 'secret_ciphertext'])
      .where('provider', 'in', ['twilio', 'signalwire'])
      .execute(),
  );
  const accounts: StoredCarrierAccount[] = [];
  for (const row of rows) {
    const value = JSON.parse(
      box.open(row.secret_ciphertext, context(row.org_id, row.provider)),
    ) as Record<string, string>;
    if (
      row.provider === 'twilio' &&
      value.accountSid !== undefined &&
      value.authToken !== undefined
    ) {
      accounts.push({
        orgId: row.org_id,
        carrier: 'twilio',
        accountId: value.accountSid,
        authToken: value.authToken,
      });
    } else if (
      row.provider === 'signalwire' &&
      value.projectId !== undefined &&
      value.apiToken !== undefined
    ) {
      accounts.push({
        orgId: row.org_id,
        carrier: 'signalwire',
        accountId: value.projectId,
        authToken: value.apiToken,
        ...(value.signingKey !== undefined ? { signingKey: value.signingKey } : {}),
      });
    }
  }
  return accounts;
}

/** The installation's provider connections with an organisation's own credentials in their place. */
export function withOrganizationCredentials(
  providers: ProvidersConfig,
  credentials: OrganizationCredentials,
): ProvidersConfig {
  const pick = (name: 'openai' | 'deepgram' | 'elevenlabs') => {
    const own = credentials[name];
    return own === undefined
      ? providers[name]
      : { apiKey: own.apiKey, baseUrl: own.baseUrl ?? providers[name].baseUrl };
  };
  return { openai: pick('openai'), deepgram: pick('deepgram'), elevenlabs: pick('elevenlabs') };
}
