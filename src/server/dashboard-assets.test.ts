import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardRoutes } from './dashboard-assets.js';

describe('dashboard assets', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'switchboard-web-'));
    await mkdir(join(root, 'dist', 'assets'), { recursive: true });
    await writeFile(join(root, 'dist', 'index.html'), '<!doctype html><title>Switchboard</title>');
    await writeFile(join(root, 'dist', 'assets', 'app-abc123.js'), 'console.log(1)');
    await writeFile(join(root, 'secret.txt'), 'outside the build');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('serves hashed assets for a year and pages as index.html, with a strict policy', async () => {
    const app = createDashboardRoutes(join(root, 'dist'));
    const asset = await app.request('/assets/app-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const page of ['/', '/calls', '/calls/6c0d6f4e-0000-4000-8000-000000000000/live']) {
      const response = await app.request(page);
      expect(response.status, page).toBe(200);
      expect(await response.text()).toContain('<title>Switchboard</title>');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('never answers API paths, missing assets or paths outside the build', async () => {
    const app = createDashboardRoutes(join(root, 'dist'));
    expect((await app.request('/v1/unknown')).status).toBe(404);
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    expect((await app.request('/../secret.txt')).status).toBe(404);
    expect((await app.request('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await app.request('/%E0%A4%A')).status).toBe(404);
  });

  it('says how to build the dashboard when it is not built', async () => {
    const app = createDashboardRoutes(join(root, 'nothing-here'));
    const response = await app.request('/calls');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:web');
  });
});
