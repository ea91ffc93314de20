import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../testing/database/test-databases.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import {
  authenticateUser,
  createApiKey,
  createOrganization,
  findApiKeyPrincipal,
  findOrganizationByCarrierAccount,
  listProviderCredentials,
  loadOrganizationCredentials,
  revokeApiKey,
  SecretBox,
  setProviderCredential,
} from './index.js';

const box = new SecretBox(randomBytes(32));

describe.each(testBackends())('tenancy on $name', (backend) => {
  let database: SwitchboardDatabase;
  beforeAll(async () => {
    database = await backend.open();
  }, 60_000);
  afterAll(async () => database?.close());

  it('signs the owner in with the right password only, whatever the case of the email', async () => {
    const organization = await createOrganization(database, {
      name: 'Ålesund Motors',
      owner: { email: 'Owner@Example.com', password: 'correct horse battery staple' },
    });
    expect(organization.slug).toBe('alesund-motors');
    const user = await authenticateUser(
      database,
      'owner@example.COM',
      'correct horse battery staple',
    );
    expect(user).toMatchObject({
      orgId: organization.id,
      role: 'owner',
      email: 'owner@example.com',
    });
    expect(await authenticateUser(database, 'owner@example.com', 'wrong')).toBeUndefined();
    expect(await authenticateUser(database, 'nobody@example.com', 'wrong')).toBeUndefined();
  });

  it('shows an API key once, stores only its hash and stops accepting it once revoked', async () => {
    const organization = await createOrganization(database, { name: 'Keys Inc' });
    const { apiKey, secret } = await database.forOrganization(organization.id, (trx) =>
      createApiKey(trx, organization.id, { name: 'ci' }),
    );
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const stored = await database.asSystem('administration', (db) =>
      db
        .selectFrom('api_keys')
        .select('key_hash')
        .where('id', '=', apiKey.id)
        .executeTakeFirstOrThrow(),
    );
    expect(stored.key_hash).not.toContain(secret);
    expect(await findApiKeyPrincipal(database, secret)).toEqual({
      orgId: organization.id,
      keyId: apiKey.id,
      role: 'admin',
    });
    await database.forOrganization(organization.id, (trx) => revokeApiKey(trx, apiKey.id));
    expect(await findApiKeyPrincipal(database, secret)).toBeUndefined();
  });

  it('keeps provider credentials sealed, lists only hints and finds the owner of a carrier account', async () => {
    const organization = await createOrganization(database, { name: 'Creds Ltd' });
    const accountSid = `AC${randomBytes(16).toString('hex')}`;
    await database.forOrganization(organization.id, async (trx) => {
      await setProviderCredential(trx, box, organization.id, 'openai', {
        apiKey: 'sk-test-secret-1234',
      });
      await setProviderCredential(trx, box, organization.id, 'twilio', {
        accountSid,
        authToken: 'tok-abcd',
      });
    });
    const row = await database.asSystem('administration', (db) =>
      db
        .selectFrom('provider_credentials')
        .select('secret_ciphertext')
        .where('provider', '=', 'openai')
        .where('org_id', '=', organization.id)
        .executeTakeFirstOrThrow(),
    );
    expect(row.secret_ciphertext).not.toContain('sk-test');
    const summaries = await database.forOrganization(organization.id, (trx) =>
      listProviderCredentials(trx),
    );
    expect(summaries.map((summary) => [summary.provider, summary.hint]).sort()).toEqual([
      ['openai', '1234'],
      ['twilio', 'abcd'],
    ]);
    const credentials = await database.forOrganization(organization.id, (trx) =>
      loadOrganizationCredentials(trx, box, organization.id),
    );
    expect(credentials.openai?.apiKey).toBe('sk-test-secret-1234');
    expect(await findOrganizationByCarrierAccount(database, 'twilio', accountSid)).toBe(
      organization.id,
    );
    const other = await createOrganization(database, { name: 'Other' });
    await expect(
      database.forOrganization(other.id, (trx) =>
        loadOrganizationCredentials(trx, box, organization.id),
      ),
    ).resolves.toEqual({});
  });

  it('refuses a sealed secret moved to another organisation', () => {
    const sealed = box.seal('secret', 'org-a/openai');
    expect(() => box.open(sealed, 'org-b/openai')).toThrow();
    expect(box.open(sealed, 'org-a/openai')).toBe('secret');
  });
});
