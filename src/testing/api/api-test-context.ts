import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { silentLogger } from '../../logging/logger.js';
import type { OrgPrincipal } from '../../platform/api/api-principal.js';
import { createApi } from '../../platform/api/create-api.js';
import type { ApiRoute } from '../../platform/api/http/route-definition.js';
import type { SwitchboardDatabase } from '../../platform/db/switchboard-database.js';
import { JobQueue } from '../../platform/jobs/job-queue-service.js';
import {
  createLocalRecordingStorage,
  type RecordingStorage,
} from '../../platform/storage/index.js';
import { createApiKey } from '../../platform/tenancy/api-keys.js';
import { createOrganization } from '../../platform/tenancy/organizations.js';
import { SecretBox } from '../../platform/tenancy/secret-box.js';
import type { TestBackend } from '../database/test-databases.js';

/** An organisation with an admin API key, as a test sees it. */
export interface TestOrganization {
  readonly orgId: string;
  readonly apiKey: string;
  /** Sends a request with this organisation's key; JSON bodies are encoded. */
  request(method: string, path: string, body?: unknown): Promise<Response>;
}

export interface ApiTestContext {
  readonly database: SwitchboardDatabase;
  readonly storage: RecordingStorage;
  /** The job queue the API enqueues into; nothing runs its jobs, so they stay `created`. */
  readonly jobs: JobQueue;
  readonly dataDir: string;
  readonly app: Hono;
  /** A new organisation with its own admin key. */
  createOrganization(name?: string): Promise<TestOrganization>;
  close(): Promise<void>;
}

/** The real API (createApi) over a test database, with route modules of the caller's choosing. */
export async function startApiTestContext(
  backend: TestBackend,
  options: {
    readonly extraRoutes?: (context: {
      database: SwitchboardDatabase;
      storage: RecordingStorage;
    }) => readonly ApiRoute<OrgPrincipal>[];
  } = {},
): Promise<ApiTestContext> {
  const database = await backend.open();
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-api-'));
  const storage = createLocalRecordingStorage({ directory: join(dataDir, 'recordings') });
  const secrets = new SecretBox(randomBytes(32));
  // A queue schema of its own, so tests sharing a server never see each other's jobs.
  const jobSchema = `pgboss_${randomBytes(4).toString('hex')}`;
  const jobs = await JobQueue.start({ database, schema: jobSchema, logger: silentLogger });
  const app = createApi({
    database,
    secrets,
    storage,
    jobs,
    publicUrl: 'https://switchboard.example',
    onCredentialsChanged: async () => {},
    logger: silentLogger,
    rateLimitPerMinute: 100_000,
    extraRoutes: options.extraRoutes?.({ database, storage }) ?? [],
  });
  return {
    database,
    storage,
    jobs,
    dataDir,
    app,
    async createOrganization(name = `Org ${randomBytes(4).toString('hex')}`) {
      const organization = await createOrganization(database, {
        name,
        slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(3).toString('hex')}`,
      });
      const { secret } = await database.forOrganization(organization.id, (trx) =>
        createApiKey(trx, organization.id, { name: 'test' }),
      );
      return {
        orgId: organization.id,
        apiKey: secret,
        request: (method, path, body) =>
          Promise.resolve(
            app.request(path, {
              method,
              headers: {
                authorization: `Bearer ${secret}`,
                ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
              },
              ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
            }),
          ),
      };
    },
    async close() {
      await jobs.stop();
      await database.runScript('administration', `drop schema if exists ${jobSchema} cascade`);
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
