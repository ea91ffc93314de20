import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULAW_8K } from '../../audio/audio-frame.js';
import type { CallEvent } from '../../engine/call-events.js';
import type { CallLegV1 } from '../../engine/call-leg.js';
import { silentLogger } from '../../logging/logger.js';
import { openTestSchema, testBackends } from '../../testing/database/test-databases.js';
import { startTcpProxy } from '../../testing/database/tcp-proxy.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createLocalRecordingStorage } from '../storage/index.js';
import { createOrganization } from '../tenancy/organizations.js';
import { CallRecordWriter } from './call-record-writer.js';
import { PROCESS_EXITED, recoverSpool } from './recover-spool.js';

/** The events of a short call, in order, as the engine would emit them. */
function scriptedCall(callId: string, options: { ended?: boolean } = {}): CallEvent[] {
  const at = Date.now();
  const base = (seq: number, offsetMs: number) => ({ callId, seq, at: at + offsetMs, offsetMs });
  const events: CallEvent[] = [
    {
      ...base(0, 0),
      type: 'call-started',
      direction: 'inbound',
      carrier: 'twilio',
      carrierCallId: `CA${callId}`,
      agentName: 'desk',
      pii: { from: '+15557654321', to: '+15550100000' },
    },
    {
      ...base(1, 900),
      type: 'transcript',
      speaker: 'agent',
      final: true,
      turn: 0,
      startMs: 100,
      endMs: 900,
      interrupted: false,
      pii: { text: 'Hi!' },
    },
    {
      ...base(2, 2500),
      type: 'transcript',
      speaker: 'caller',
      final: false,
      turn: 1,
      startMs: 1200,
      endMs: 2400,
      interrupted: false,
      pii: { text: 'book a' },
    },
    {
      ...base(3, 2600),
      type: 'transcript',
      speaker: 'caller',
      final: true,
      turn: 1,
      startMs: 1200,
      endMs: 2500,
      interrupted: false,
      pii: { text: 'Book an oil change.' },
    },
    {
      ...base(4, 3000),
      type: 'tool-call',
      toolCallId: 't1',
      name: 'get_available_slots',
      generation: 1,
      pii: { arguments: '{"days":1}' },
    },
    {
      ...base(5, 3100),
      type: 'tool-result',
      toolCallId: 't1',
      name: 'get_available_slots',
      durationMs: 80,
      pii: { result: '{"slots":[]}' },
    },
    {
      ...base(6, 3500),
      type: 'turn-metrics',
      turn: 1,
      endpointingMs: 500,
      sttMs: 20,
      llmMs: 300,
      ttsMs: 150,
      overheadMs: 10,
      totalMs: 1060,
      toolMs: 80,
    },
    {
      ...base(7, 3600),
      type: 'usage',
      kind: 'llm',
      provider: 'openai',
      model: 'gpt-4o-mini',
      inputTokens: 1000,
      outputTokens: 100,
    },
    {
      ...base(8, 3700),
      type: 'usage',
      kind: 'llm',
      provider: 'openai',
      model: 'gpt-4o-mini',
      inputTokens: 1000,
      outputTokens: 100,
    },
    {
      ...base(9, 3800),
      type: 'usage',
      kind: 'tts',
      provider: 'elevenlabs',
      model: 'eleven_flash_v2_5',
      characters: 40,
    },
  ];
  if (options.ended !== false) {
    events.push({
      ...base(10, 5000),
      type: 'call-ended',
      reason: 'caller-hangup',
      durationMs: 5000,
    });
  }
  return events;
}

const leg = { inboundFormat: MULAW_8K, outboundFormat: MULAW_8K } as unknown as CallLegV1;

async function insertCall(database: SwitchboardDatabase, orgId: string, callId: string) {
  await database.forOrganization(orgId, (trx) =>
    trx
      .insertInto('calls')
      .values({
        id: callId,
        org_id: orgId,
        direction: 'inbound',
        status: 'ringing',
        from_number: '+15557654321',
        to_number: '+15550100000',
        carrier: 'twilio',
        carrier_call_id: `CA${callId.replaceAll('-', '')}`,
        routed_by: 'number',
        total_cost: 0,
      })
      .execute(),
  );
}

const header = (callId: string, orgId: string) => ({
  callId,
  orgId,
  direction: 'inbound' as const,
  carrier: 'twilio',
  carrierCallId: 'CA1',
  from: '+15557654321',
  to: '+15550100000',
  agentId: null,
  agentVersion: null,
  agentName: 'desk',
  routedBy: 'number',
  createdAt: new Date().toISOString(),
});

describe.each(testBackends())('call records on $name', (backend) => {
  let database: SwitchboardDatabase;
  let dataDir: string;
  let orgId: string;

  beforeAll(async () => {
    database = await backend.open();
    dataDir = await mkdtemp(join(tmpdir(), 'switchboard-records-'));
    orgId = (await createOrganization(database, { name: `Records ${Math.random()}` })).id;
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const storage = () => createLocalRecordingStorage({ directory: join(dataDir, 'recordings') });

  it('writes transcript, tool calls, metrics, usage with exact cost, and the stereo recording', async () => {
    const callId = crypto.randomUUID();
    await insertCall(database, orgId, callId);
    const writer = new CallRecordWriter({
      database,
      storage: storage(),
      dataDir,
      logger: silentLogger,
      batchDelayMs: 5,
    });
    writer.begin(header(callId, orgId));
    const tap = writer.createAudioTap(callId, leg);
    for (let frame = 0; frame < 50; frame++) tap?.onCallerAudio(new Uint8Array(160).fill(0x7f));
    for (let frame = 0; frame < 25; frame++) tap?.onAgentAudio(new Uint8Array(160).fill(0x10));
    for (const event of scriptedCall(callId)) writer.onEvent(event);
    await writer.settled(callId);

    const detail = await database.forOrganization(orgId, async (trx) => ({
      call: await trx
        .selectFrom('calls')
        .selectAll()
        .where('id', '=', callId)
        .executeTakeFirstOrThrow(),
      turns: await trx
        .selectFrom('call_transcript_turns')
        .select(['speaker', 'text'])
        .where('call_id', '=', callId)
        .orderBy('seq')
        .execute(),
      tools: await trx
        .selectFrom('call_tool_calls')
        .select(['name', 'result', 'duration_ms'])
        .where('call_id', '=', callId)
        .execute(),
      usage: await trx
        .selectFrom('call_usage')
        .select([
          'kind',
          sql<number>`sum(input_tokens)::int`.as('input_tokens'),
          sql<string>`sum(cost)::text`.as('cost'),
        ])
        .where('call_id', '=', callId)
        .groupBy('kind')
        .orderBy('kind')
        .execute(),
    }));
    expect(detail.call).toMatchObject({
      status: 'completed',
      end_reason: 'caller-hangup',
      disposition: 'completed',
      duration_ms: 5000,
      turn_count: 2,
      latency_p50_ms: 1060,
      recording_key: `org/${orgId}/calls/${callId}.wav`,
    });
    // 2 × (1000 × 0.00000015 + 100 × 0.0000006) + 40 × 0.00018 = 0.00042 + 0.0072
    expect(Number(detail.call.total_cost)).toBeCloseTo(0.00762, 6);
    expect(detail.call.total_cost).toMatch(/^0\.00762/);
    expect(detail.call.recording_duration_ms).toBeGreaterThanOrEqual(900);
    expect(detail.turns).toEqual([
      { speaker: 'agent', text: 'Hi!' },
      { speaker: 'caller', text: 'Book an oil change.' },
    ]);
    expect(detail.tools).toEqual([
      { name: 'get_available_slots', result: '{"slots":[]}', duration_ms: 80 },
    ]);
    expect(detail.usage.map((row) => [row.kind, row.input_tokens, row.cost])).toEqual([
      ['llm', 2000, '0.000420'],
      ['tts', 0, '0.007200'],
    ]);
    expect(await storage().open(detail.call.recording_key ?? '')).toBeDefined();
    expect(await readdir(join(dataDir, 'spool', orgId))).toEqual([]);
  });

  it('closes a call the process never finished, from its journal and recording, at the next start', async () => {
    const callId = crypto.randomUUID();
    await insertCall(database, orgId, callId);
    const crashed = new CallRecordWriter({
      database,
      storage: storage(),
      dataDir,
      logger: silentLogger,
      batchDelayMs: 60_000,
    });
    crashed.begin(header(callId, orgId));
    const tap = crashed.createAudioTap(callId, leg);
    for (let frame = 0; frame < 100; frame++) tap?.onCallerAudio(new Uint8Array(160).fill(0x7f));
    for (const event of scriptedCall(callId, { ended: false })) crashed.onEvent(event);
    // The process "dies": nothing reached the database, only the spool.
    await crashed.drain(0);

    const report = await recoverSpool({
      database,
      storage: storage(),
      dataDir,
      logger: silentLogger,
    });
    expect(report).toMatchObject({ recovered: [callId], adopted: [], failed: [] });
    const call = await database.forOrganization(orgId, (trx) =>
      trx.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirstOrThrow(),
    );
    expect(call).toMatchObject({
      end_reason: PROCESS_EXITED,
      disposition: 'failed',
      status: 'completed',
      turn_count: 2,
    });
    expect(call.recording_key).not.toBeNull();
  });

  it('adopts a journal whose call row does not exist into its organisation', async () => {
    const callId = crypto.randomUUID();
    const orphan = new CallRecordWriter({
      database,
      storage: storage(),
      dataDir,
      logger: silentLogger,
      batchDelayMs: 60_000,
    });
    orphan.begin(header(callId, orgId));
    for (const event of scriptedCall(callId)) orphan.onEvent(event);
    await orphan.drain(0);
    const report = await recoverSpool({
      database,
      storage: storage(),
      dataDir,
      logger: silentLogger,
    });
    expect(report.adopted).toEqual([callId]);
    const call = await database.forOrganization(orgId, (trx) =>
      trx
        .selectFrom('calls')
        .select(['end_reason', 'from_number'])
        .where('id', '=', callId)
        .executeTakeFirstOrThrow(),
    );
    expect(call).toEqual({ end_reason: 'caller-hangup', from_number: '+15557654321' });
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('call records through a database outage', () => {
  it('keeps the events while Postgres is unreachable and completes the record when it returns', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL ?? '');
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    const database = await openTestSchema(url.toString());
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-outage-'));
    try {
      const orgId = (await createOrganization(database, { name: 'Outage' })).id;
      const callId = crypto.randomUUID();
      await insertCall(database, orgId, callId);
      const writer = new CallRecordWriter({
        database,
        storage: createLocalRecordingStorage({ directory: join(dataDir, 'recordings') }),
        dataDir,
        logger: silentLogger,
        batchDelayMs: 5,
        retryInitialMs: 20,
        retryMaxMs: 100,
      });
      writer.begin(header(callId, orgId));
      const events = scriptedCall(callId);
      for (const event of events.slice(0, 3)) writer.onEvent(event);
      await new Promise((resolve) => setTimeout(resolve, 100));
      proxy.cut();
      for (const event of events.slice(3)) writer.onEvent(event);
      await new Promise((resolve) => setTimeout(resolve, 500));
      proxy.restore();
      await writer.settled(callId);
      const call = await database.forOrganization(orgId, (trx) =>
        trx
          .selectFrom('calls')
          .select(['end_reason', 'turn_count', 'last_event_seq'])
          .where('id', '=', callId)
          .executeTakeFirstOrThrow(),
      );
      expect(call).toEqual({ end_reason: 'caller-hangup', turn_count: 2, last_event_seq: 10 });
    } finally {
      proxy.restore();
      await database.close();
      await proxy.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
