import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/logger.js';
import { testBackends } from '../../testing/database/test-databases.js';
import { openDatabase } from '../db/open-database.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createOrganization } from '../tenancy/organizations.js';
import { createNumberWebhookRecorder, recordNumberWebhook } from './number-webhook-recorder.js';
import { createPhoneNumber, listPhoneNumbers, type PhoneNumber } from './phone-numbers.js';

describe.each(testBackends())('number webhook recording on $name', (backend) => {
  let database: SwitchboardDatabase;
  let orgId: string;

  const numbers = async (): Promise<Record<string, PhoneNumber>> =>
    Object.fromEntries(
      (await database.forOrganization(orgId, listPhoneNumbers)).map((number) => [
        number.number,
        number,
      ]),
    );

  beforeAll(async () => {
    database = await backend.open();
    orgId = (await createOrganization(database, { name: 'Webhook Motors' })).id;
    await database.forOrganization(orgId, async (trx) => {
      await createPhoneNumber(trx, orgId, { number: '+15550100001' });
      await createPhoneNumber(trx, orgId, { number: '+15550100002' });
      await createPhoneNumber(trx, orgId, { number: '+15550100003', carrier: 'signalwire' });
    });
  }, 60_000);
  afterAll(async () => database?.close());

  it('stores the time and signature verdict on the number, newest report winning', async () => {
    const at = new Date('2025-06-01T10:00:00.000Z');
    const webhook = { carrier: 'twilio', number: '+15550100001', signed: false, at } as const;
    expect(await recordNumberWebhook(database, webhook)).toBe(true);
    expect((await numbers())['+15550100001']).toMatchObject({
      lastWebhookAt: at,
      lastWebhookSigned: false,
    });
    const older = { ...webhook, signed: true, at: new Date(at.getTime() - 1000) };
    expect(await recordNumberWebhook(database, older)).toBe(false);
    expect((await numbers())['+15550100001']?.lastWebhookSigned).toBe(false);
    // Unknown numbers and a number of another carrier are left alone.
    expect(await recordNumberWebhook(database, { ...webhook, number: '+15550100999' })).toBe(false);
    expect(await recordNumberWebhook(database, { ...webhook, number: '+15550100003' })).toBe(false);
    expect((await numbers())['+15550100003']?.lastWebhookAt).toBeNull();
  });

  it('records off the request path, once per number per interval, keeping the latest verdict', async () => {
    const recorder = createNumberWebhookRecorder({ database, minIntervalMs: 60_000 });
    const before = Date.now();
    recorder.record({ carrier: 'twilio', number: '+15550100002', signed: true });
    for (let index = 0; index < 20; index += 1)
      recorder.record({ carrier: 'twilio', number: '+15550100002', signed: index % 2 === 0 });
    // A forged webhook last: held back for the interval, then stored.
    recorder.record({ carrier: 'twilio', number: '+15550100002', signed: false });
    recorder.record({ carrier: 'signalwire', number: '+15550100003', signed: true });
    recorder.record({ carrier: 'twilio', number: 'client:alice', signed: true });
    await recorder.flush();
    expect(recorder.writes).toBe(3);
    const stored = await numbers();
    expect(stored['+15550100002']?.lastWebhookSigned).toBe(false);
    expect(stored['+15550100002']?.lastWebhookAt?.getTime()).toBeGreaterThanOrEqual(before);
    expect(stored['+15550100003']?.lastWebhookSigned).toBe(true);
    // Within the interval nothing more is written until flushed.
    recorder.record({ carrier: 'twilio', number: '+15550100002', signed: true });
    expect(recorder.writes).toBe(3);
    await recorder.close();
    recorder.record({ carrier: 'twilio', number: '+15550100001', signed: true });
    await recorder.flush();
    expect(recorder.writes).toBe(3);
    expect((await numbers())['+15550100002']?.lastWebhookSigned).toBe(false);
  });
});

it('logs a failed write instead of throwing', async () => {
  // A server that is not there: the write fails the way a lost database makes it fail.
  const unreachable = await openDatabase({
    databaseUrl: 'postgres://switchboard@127.0.0.1:9/none',
    migrate: false,
  });
  const lines: { msg?: string }[] = [];
  const logger = createLogger({
    level: 'warn',
    destination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(JSON.parse(chunk.toString('utf8')) as { msg?: string });
        callback();
      },
    }),
  });
  const recorder = createNumberWebhookRecorder({ database: unreachable, logger });
  recorder.record({ carrier: 'twilio', number: '+15550100001', signed: true });
  await recorder.flush();
  expect(lines.map((line) => line.msg)).toEqual(['recording a number webhook failed']);
  await unreachable.close();
});
