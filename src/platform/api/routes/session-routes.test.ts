import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import { createUser } from '../../tenancy/users.js';

const password = 'correct horse battery staple';

describe.each(testBackends())('dashboard sessions on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Session Org');
  }, 60_000);
  afterAll(() => context.close());

  const send = (
    method: string,
    path: string,
    options: { body?: unknown; cookie?: string; dashboard?: boolean } = {},
  ) =>
    context.app.request(path, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.cookie !== undefined ? { cookie: options.cookie } : {}),
        ...(options.dashboard === true ? { 'x-switchboard-client': 'dashboard' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });

  const cookieOf = (response: Response) =>
    (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  it('creates the owner on first run with an admin API key, once', async () => {
    const refused = await send('POST', '/v1/setup', {
      body: { setupKey: 'sb_wrong', name: 'Olive', email: 'olive@example.com', password },
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('invalid_setup_key');

    const created = await send('POST', '/v1/setup', {
      body: { setupKey: org.apiKey, name: 'Olive', email: 'olive@example.com', password },
    });
    expect(created.status).toBe(201);
    const setCookie = created.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^sb_session=sbs_/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const body = (await created.json()) as { user: { role: string; email: string } };
    expect(body.user).toMatchObject({ role: 'owner', email: 'olive@example.com' });

    const state = (await (await send('GET', '/v1/setup')).json()) as { ownerExists: boolean };
    expect(state.ownerExists).toBe(true);
    const again = await send('POST', '/v1/setup', {
      body: { setupKey: org.apiKey, name: 'Mallory', email: 'm@example.com', password },
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('owner_exists');
  });

  it('signs in with the cookie, which reads the organisation’s data and signs out', async () => {
    const wrong = await send('POST', '/v1/session', {
      body: { email: 'olive@example.com', password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { code: string }).code).toBe('invalid_credentials');

    const signedIn = await send('POST', '/v1/session', {
      body: { email: 'OLIVE@example.com', password },
    });
    expect(signedIn.status).toBe(200);
    const cookie = cookieOf(signedIn);
    const me = await send('GET', '/v1/session', { cookie });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { organization: { id: string } }).organization.id).toBe(org.orgId);
    expect((await send('GET', '/v1/calls', { cookie })).status).toBe(200);

    // Changing something with the cookie alone is refused (cross-site request forgery).
    const forged = await send('POST', '/v1/api-keys', { cookie, body: { name: 'x' } });
    expect(forged.status).toBe(403);
    const allowed = await send('POST', '/v1/api-keys', {
      cookie,
      dashboard: true,
      body: { name: 'from the dashboard' },
    });
    expect(allowed.status).toBe(201);

    const out = await send('DELETE', '/v1/session', { cookie, dashboard: true });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await send('GET', '/v1/session', { cookie })).status).toBe(401);
  });

  it('gives a viewer read scope only, and another organisation nothing', async () => {
    const other = await context.createOrganization('Other Org');
    await context.database.forOrganization(other.orgId, (trx) =>
      createUser(trx, other.orgId, { email: 'vera@example.com', password, role: 'viewer' }),
    );
    const cookie = cookieOf(
      await send('POST', '/v1/session', { body: { email: 'vera@example.com', password } }),
    );
    const me = (await (await send('GET', '/v1/session', { cookie })).json()) as {
      organization: { id: string };
      user: { role: string };
    };
    expect(me.organization.id).toBe(other.orgId);
    expect(me.user.role).toBe('viewer');
    const write = await send('POST', '/v1/api-keys', {
      cookie,
      dashboard: true,
      body: { name: 'x' },
    });
    expect(write.status).toBe(403);
    const users = (await (await send('GET', '/v1/users', { cookie })).json()) as {
      data: { email: string }[];
    };
    expect(users.data.map((user) => user.email)).toEqual(['vera@example.com']);
  });

  it('refuses a forged or unknown cookie', async () => {
    expect((await send('GET', '/v1/calls', { cookie: 'sb_session=sbs_forged' })).status).toBe(401);
    expect((await send('GET', '/v1/calls', { cookie: 'sb_session=whatever' })).status).toBe(401);
  });
  it('pauses sign-in for an email after ten wrong passwords, and only for that email', async () => {
    await context.database.forOrganization(org.orgId, (trx) =>
      createUser(trx, org.orgId, { email: 'gus@example.com', password, role: 'admin' }),
    );
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const wrong = await send('POST', '/v1/session', {
        body: { email: 'gus@example.com', password: `guess number ${attempt}` },
      });
      expect(wrong.status).toBe(401);
    }
    const paused = await send('POST', '/v1/session', {
      body: { email: 'Gus@example.com', password },
    });
    expect(paused.status).toBe(429);
    expect(((await paused.json()) as { code: string }).code).toBe('too_many_attempts');
    expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await send('POST', '/v1/session', {
      body: { email: 'olive@example.com', password },
    });
    expect(other.status).toBe(200);
  });
});
