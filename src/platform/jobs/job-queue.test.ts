import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/logger.js';
import { testBackends } from '../../testing/database/test-databases.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createOrganization } from '../tenancy/organizations.js';
import { fromTransaction, startJobQueue } from './job-queue.js';
import type PgBoss from 'pg-boss';

describe.each(testBackends())('job queue on $name', (backend) => {
  let database: SwitchboardDatabase;
  let boss: PgBoss;
  const schema = `pgboss_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await backend.open();
    boss = await startJobQueue({ database, schema, logger: silentLogger });
  }, 60_000);
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    if (backend.name === 'postgres')
      await database.runScript('administration', `drop schema if exists ${schema} cascade`);
    await database?.close();
  });

  it('delivers a job to a worker', async () => {
    await boss.createQueue('greetings');
    const received = new Promise<unknown>((resolve) => {
      void boss.work('greetings', { pollingIntervalSeconds: 0.5 }, async ([job]) =>
        resolve(job?.data),
      );
    });
    await boss.send('greetings', { hello: 'world' });
    await expect(received).resolves.toEqual({ hello: 'world' });
  });

  it('enqueues inside a transaction: a rolled-back change leaves no job, a committed one does', async () => {
    await boss.createQueue('follow-ups');
    const organization = await createOrganization(database, { name: `Jobs ${Math.random()}` });
    const attempt = (commit: boolean) =>
      database
        .asSystem('jobs', (db) =>
          db.transaction().execute(async (trx) => {
            await trx
              .updateTable('organizations')
              .set({ name: commit ? 'kept' : 'undone' })
              .where('id', '=', organization.id)
              .execute();
            await boss.send('follow-ups', { commit }, { db: fromTransaction(trx) });
            if (!commit) throw new Error('roll back');
          }),
        )
        .catch(() => undefined);
    await attempt(false);
    await attempt(true);
    const jobs = await boss.fetch<{ commit: boolean }>('follow-ups', { batchSize: 10 });
    expect(jobs.map((job) => job.data)).toEqual([{ commit: true }]);
  });
});
