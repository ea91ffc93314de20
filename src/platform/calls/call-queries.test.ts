import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../testing/database/test-databases.js';
import type { CallsTable } from '../db/database-schema.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createOrganization } from '../tenancy/organizations.js';
import {
  getCallDetail,
  getCallRecordingLocation,
  listCalls,
  toTranscriptQuery,
  type CallListFilters,
  type CallSummary,
} from './call-queries.js';

/** Inserts a call the way the router and record writer leave it, through the tenant door. */
async function insertCall(
  database: SwitchboardDatabase,
  orgId: string,
  values: Partial<Insertable<CallsTable>> & { created_at: string },
): Promise<string> {
  const id = values.id ?? randomUUID();
  await database.forOrganization(orgId, (trx) =>
    trx
      .insertInto('calls')
      .values({
        direction: 'inbound',
        status: 'completed',
        from_number: '+15557000001',
        to_number: '+15550100000',
        carrier: 'twilio',
        routed_by: 'number',
        ...values,
        id,
        org_id: orgId,
      })
      .execute(),
  );
  return id;
}

async function insertTurns(
  database: SwitchboardDatabase,
  orgId: string,
  callId: string,
  texts: readonly string[],
): Promise<void> {
  await database.forOrganization(orgId, (trx) =>
    trx
      .insertInto('call_transcript_turns')
      .values(
        texts.map((text, index) => ({
          call_id: callId,
          org_id: orgId,
          seq: index,
          turn: index,
          speaker: index % 2 === 0 ? ('agent' as const) : ('caller' as const),
          text,
          start_ms: index * 1000,
          end_ms: index * 1000 + 800,
          interrupted: false,
        })),
      )
      .execute(),
  );
}

describe('toTranscriptQuery', () => {
  it('keeps letters and digits only, as prefixes joined with AND', () => {
    expect(toTranscriptQuery('Oil change!')).toBe('oil:* & change:*');
    expect(toTranscriptQuery("brake' | !x:* & (")).toBe('brake:* & x:*');
    expect(toTranscriptQuery('Ölwechsel 2019')).toBe('ölwechsel:* & 2019:*');
    expect(toTranscriptQuery('  -- ')).toBeUndefined();
  });
});

describe.each(testBackends())('call queries on $name', (backend) => {
  let database: SwitchboardDatabase;
  let orgId: string;
  let otherOrgId: string;
  let agentId: string;
  const ids: Record<string, string> = {};

  const list = async (filters: CallListFilters = {}, limit = 50, organization = orgId) =>
    database.forOrganization(organization, (trx) => listCalls(trx, filters, { limit }));
  const idsOf = (calls: readonly CallSummary[]) => calls.map((call) => call.id);

  beforeAll(async () => {
    database = await backend.open();
    orgId = (await createOrganization(database, { name: 'Calls', slug: `calls-${randomUUID()}` }))
      .id;
    otherOrgId = (
      await createOrganization(database, { name: 'Other', slug: `other-${randomUUID()}` })
    ).id;
    agentId = await database.forOrganization(orgId, async (trx) => {
      const row = await trx
        .insertInto('agents')
        .values({ org_id: orgId, name: 'desk' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    // Three calls share one microsecond-precise instant: only the id tells them apart.
    ids.oldest = await insertCall(database, orgId, {
      created_at: '2025-03-01T09:00:00.000001Z',
      status: 'no-answer',
      disposition: 'no-answer',
    });
    for (const name of ['tieA', 'tieB', 'tieC']) {
      ids[name] = await insertCall(database, orgId, {
        created_at: '2025-03-02T10:00:00.123456Z',
        agent_id: agentId,
        agent_name: 'desk',
        agent_version: 2,
      });
    }
    ids.outbound = await insertCall(database, orgId, {
      created_at: '2025-03-02T10:00:00.123457Z',
      direction: 'outbound',
      from_number: '+15550100000',
      to_number: '+15557000999',
      disposition: 'voicemail',
      total_cost: '0.250000',
      recording_key: 'org/x/calls/y.wav',
      recording_duration_ms: 61_000,
    });
    ids.newest = await insertCall(database, orgId, {
      created_at: '2025-03-03T08:00:00Z',
      status: 'in-progress',
      from_number: '+15557000999',
    });
    ids.foreign = await insertCall(database, otherOrgId, {
      created_at: '2025-03-02T11:00:00Z',
      from_number: '+15557000999',
    });
    await insertTurns(database, orgId, ids.tieA as string, [
      'Thanks for calling, how can I help?',
      'I need an OIL change for my Civic.',
    ]);
    await insertTurns(database, orgId, ids.outbound as string, [
      'Hello, this is the service department.',
      'Can we reschedule to Friday?',
    ]);
    await insertTurns(database, otherOrgId, ids.foreign as string, ['Oil change please.']);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  it('lists newest first, ties broken by id, and never shows another organisation', async () => {
    const page = await list();
    const ties = [ids.tieA, ids.tieB, ids.tieC].sort().reverse();
    expect(idsOf(page.calls)).toEqual([ids.newest, ids.outbound, ...ties, ids.oldest]);
    expect(page.nextCursor).toBeNull();
    const other = await list({}, 50, otherOrgId);
    expect(idsOf(other.calls)).toEqual([ids.foreign]);
  });

  it('pages through every call exactly once with microsecond cursors', async () => {
    const seen: string[] = [];
    let after = undefined as Parameters<typeof listCalls>[2]['after'];
    for (let guard = 0; guard < 10; guard++) {
      const page = await database.forOrganization(orgId, (trx) =>
        listCalls(trx, {}, { limit: 2, ...(after !== undefined ? { after } : {}) }),
      );
      seen.push(...idsOf(page.calls));
      if (page.nextCursor === null) break;
      expect(page.nextCursor.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      after = page.nextCursor;
    }
    expect(seen).toEqual(idsOf((await list()).calls));
    expect(new Set(seen).size).toBe(6);
  });

  it('maps a summary row, with the cost as an exact decimal string', async () => {
    const outbound = (await list({ direction: 'outbound' })).calls;
    expect(outbound).toHaveLength(1);
    expect(outbound[0]).toMatchObject({
      id: ids.outbound,
      direction: 'outbound',
      from: '+15550100000',
      to: '+15557000999',
      disposition: 'voicemail',
      totalCost: '0.250000',
      hasRecording: true,
      agentId: null,
    });
    expect(outbound[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('filters by agent, status, disposition and time range', async () => {
    const byAgent = await list({ agentId });
    expect(new Set(idsOf(byAgent.calls))).toEqual(new Set([ids.tieA, ids.tieB, ids.tieC]));
    expect(byAgent.calls[0]).toMatchObject({ agentName: 'desk', agentVersion: 2 });
    expect(idsOf((await list({ status: 'in-progress' })).calls)).toEqual([ids.newest]);
    expect(idsOf((await list({ disposition: 'no-answer' })).calls)).toEqual([ids.oldest]);
    const range = await list({
      from: new Date('2025-03-02T00:00:00Z'),
      to: new Date('2025-03-03T08:00:00Z'),
    });
    expect(idsOf(range.calls)).toHaveLength(4);
    expect(idsOf(range.calls)).not.toContain(ids.newest);
  });

  it('matches a number as caller or called party, once per call', async () => {
    const calls = await list({ number: '+15557000999' });
    expect(idsOf(calls.calls)).toEqual([ids.newest, ids.outbound]);
    const paged = await list({ number: '+15557000999' }, 1);
    expect(idsOf(paged.calls)).toEqual([ids.newest]);
    expect(paged.nextCursor).not.toBeNull();
    const line = await list({ number: '+15550100000' });
    expect(idsOf(line.calls)).toHaveLength(6);
  });

  it('searches transcripts by word prefix, ignoring case, within the organisation', async () => {
    expect(idsOf((await list({ search: 'oil' })).calls)).toEqual([ids.tieA]);
    expect(idsOf((await list({ search: 'civ OIL' })).calls)).toEqual([ids.tieA]);
    expect(idsOf((await list({ search: 'resched friday' })).calls)).toEqual([ids.outbound]);
    expect((await list({ search: 'oil friday' })).calls).toEqual([]);
    expect(idsOf((await list({ search: 'oil', agentId })).calls)).toEqual([ids.tieA]);
    expect(idsOf((await list({ search: 'oil' }, 50, otherOrgId)).calls)).toEqual([ids.foreign]);
  });

  it('reads a call with its transcript, tool calls, metrics and usage', async () => {
    const callId = ids.tieA as string;
    await database.forOrganization(orgId, async (trx) => {
      await trx
        .insertInto('call_tool_calls')
        .values([
          {
            call_id: callId,
            org_id: orgId,
            tool_call_id: 't2',
            seq: 7,
            name: 'book_appointment',
            arguments: 'not json',
            error: 'slot taken',
            offset_ms: 9000,
          },
          {
            call_id: callId,
            org_id: orgId,
            tool_call_id: 't1',
            seq: 5,
            name: 'get_available_slots',
            arguments: '{"day":"friday"}',
            result: '{"slots":[]}',
            duration_ms: 80,
            offset_ms: 4000,
          },
        ])
        .execute();
      await trx
        .insertInto('call_turn_metrics')
        .values({
          call_id: callId,
          org_id: orgId,
          turn: 1,
          endpointing_ms: 500,
          stt_ms: 100,
          llm_ms: 300,
          tts_ms: 120,
          tool_ms: 0,
          overhead_ms: 10,
          total_ms: 1030,
        })
        .execute();
      await trx
        .insertInto('call_usage')
        .values({
          call_id: callId,
          org_id: orgId,
          seq: 7,
          kind: 'llm',
          provider: 'openai',
          model: 'gpt-4o-mini',
          input_tokens: 1200,
          output_tokens: 80,
          cost: '0.000228',
        })
        .execute();
    });
    const detail = await database.forOrganization(orgId, (trx) => getCallDetail(trx, callId));
    expect(detail).toMatchObject({
      id: callId,
      carrier: 'twilio',
      routedBy: 'number',
      variables: {},
      interruptionCount: 0,
      recording: null,
      transcript: [
        { turn: 0, speaker: 'agent', startMs: 0, endMs: 800, interrupted: false },
        { turn: 1, speaker: 'caller', text: 'I need an OIL change for my Civic.' },
      ],
      toolCalls: [
        { id: 't1', arguments: { day: 'friday' }, result: '{"slots":[]}', durationMs: 80 },
        { id: 't2', arguments: 'not json', error: 'slot taken', durationMs: null },
      ],
      turnMetrics: [{ turn: 1, totalMs: 1030, endpointingMs: 500 }],
      usage: [
        {
          kind: 'llm',
          inputTokens: 1200,
          outputTokens: 80,
          characters: 0,
          audioSeconds: '0.000',
          cost: '0.000228',
        },
      ],
    });
    const recorded = await database.forOrganization(orgId, (trx) =>
      getCallDetail(trx, ids.outbound as string),
    );
    expect(recorded?.recording).toEqual({ durationMs: 61_000 });
  });

  it('hides another organisation’s call and its recording', async () => {
    const foreign = ids.foreign as string;
    expect(
      await database.forOrganization(orgId, (trx) => getCallDetail(trx, foreign)),
    ).toBeUndefined();
    expect(
      await database.forOrganization(orgId, (trx) => getCallRecordingLocation(trx, foreign)),
    ).toBeUndefined();
    expect(
      await database.forOrganization(orgId, (trx) =>
        getCallRecordingLocation(trx, ids.outbound as string),
      ),
    ).toEqual({ key: 'org/x/calls/y.wav', durationMs: 61_000 });
  });

  it('keeps the search view inside the organisation, for reads and writes', async () => {
    const seen = await database.forOrganization(orgId, (trx) =>
      trx
        .withTables<{ call_transcript_search: { org_id: string; call_id: string } }>()
        .selectFrom('call_transcript_search')
        .select('org_id')
        .distinct()
        .execute(),
    );
    expect(seen).toEqual([{ org_id: orgId }]);
    await expect(
      database.forOrganization(orgId, (trx) =>
        trx
          .withTables<{ call_transcript_search: { org_id: string; text: string } }>()
          .updateTable('call_transcript_search')
          .set({ org_id: otherOrgId })
          .execute(),
      ),
    ).rejects.toThrow(/check option/);
  });
});
