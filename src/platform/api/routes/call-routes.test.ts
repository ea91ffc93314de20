import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import { recordingKey } from '../../calls/spool-paths.js';
import type { CallStatus } from '../../db/database-schema.js';
import { encodeCursor } from '../http/cursor-pagination.js';
import { parseRangeHeader } from './call-recording-route.js';

interface ListBody {
  data: { id: string; createdAt: string; status: string; hasRecording: boolean }[];
  nextCursor: string | null;
}

/** A made-up recording: every byte tells its own offset (mod 251), so ranges are easy to check. */
const RECORDING = Uint8Array.from({ length: 3000 }, (_value, index) => index % 251);

/** Seeds calls straight into the tables, through the organisation's own door. */
async function seedCalls(
  context: ApiTestContext,
  org: TestOrganization,
  count: number,
): Promise<string[]> {
  const statuses: CallStatus[] = ['completed', 'failed', 'no-answer'];
  const rows = Array.from({ length: count }, (_value, index) => ({
    id: randomUUID(),
    org_id: org.orgId,
    direction: index % 4 === 0 ? ('outbound' as const) : ('inbound' as const),
    status: statuses[index % 3] ?? 'completed',
    from_number: `+1555700${String(index).padStart(4, '0')}`,
    to_number: '+15550100000',
    carrier: 'twilio',
    routed_by: 'number' as const,
    created_at: new Date(Date.UTC(2025, 4, 1, 12, 0, index)).toISOString(),
  }));
  await context.database.forOrganization(org.orgId, async (trx) => {
    await trx.insertInto('calls').values(rows).execute();
    const first = rows[0];
    if (first === undefined) return;
    await trx
      .updateTable('calls')
      .set({
        recording_key: recordingKey(org.orgId, first.id),
        recording_duration_ms: 4_000,
        total_cost: '0.031000',
      })
      .where('id', '=', first.id)
      .execute();
    await trx
      .insertInto('call_transcript_turns')
      .values([
        {
          call_id: first.id,
          org_id: org.orgId,
          seq: 0,
          turn: 0,
          speaker: 'agent',
          text: 'Service department, how can I help?',
          start_ms: 0,
          end_ms: 1500,
          interrupted: false,
        },
        {
          call_id: first.id,
          org_id: org.orgId,
          seq: 1,
          turn: 1,
          speaker: 'caller',
          text: 'My brakes squeak.',
          start_ms: 2000,
          end_ms: 3000,
          interrupted: false,
        },
      ])
      .execute();
    await trx
      .insertInto('call_tool_calls')
      .values({
        call_id: first.id,
        org_id: org.orgId,
        tool_call_id: 'tc1',
        seq: 2,
        name: 'get_available_slots',
        arguments: '{"days":2}',
        result: '{"slots":["09:00"]}',
        duration_ms: 40,
        offset_ms: 3100,
      })
      .execute();
  });
  const first = rows[0];
  if (first !== undefined) {
    const file = join(context.dataDir, `${first.id}.wav`);
    await writeFile(file, RECORDING);
    await context.storage.put(recordingKey(org.orgId, first.id), file, 'audio/wav');
  }
  return rows.map((row) => row.id);
}

describe('parseRangeHeader', () => {
  it('reads one byte range and ignores everything else', () => {
    expect(parseRangeHeader('bytes=0-99')).toEqual({ start: 0, end: 99 });
    expect(parseRangeHeader('bytes=100-')).toEqual({ start: 100 });
    expect(parseRangeHeader('bytes=-50')).toEqual({ suffixLength: 50 });
    expect(parseRangeHeader('bytes=5-2')).toBeUndefined();
    expect(parseRangeHeader('bytes=0-1,5-6')).toBeUndefined();
    expect(parseRangeHeader('items=0-1')).toBeUndefined();
    expect(parseRangeHeader('bytes=-')).toBeUndefined();
    expect(parseRangeHeader(undefined)).toBeUndefined();
  });
});

describe.each(testBackends())('calls API on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  let other: TestOrganization;
  let callIds: string[];

  const get = (
    organization: TestOrganization,
    path: string,
    headers: Record<string, string> = {},
  ) =>
    Promise.resolve(
      context.app.request(path, {
        headers: { authorization: `Bearer ${organization.apiKey}`, ...headers },
      }),
    );
  const newestFirst = () => [...callIds].reverse();
  const recordedCall = () => callIds[0] as string;

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Dealer');
    other = await context.createOrganization('Elsewhere');
    callIds = await seedCalls(context, org, 12);
  }, 60_000);
  afterAll(async () => context?.close());

  it('pages through every call, newest first, by following nextCursor', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/v1/calls?limit=5';
    while (path !== undefined) {
      const response = await org.request('GET', path);
      expect(response.status).toBe(200);
      const body = (await response.json()) as ListBody;
      seen.push(...body.data.map((call) => call.id));
      path = body.nextCursor === null ? undefined : `/v1/calls?limit=5&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual(newestFirst());
  });

  it('filters by status, direction, number, time range and transcript words', async () => {
    const ids = async (query: string) =>
      ((await (await org.request('GET', `/v1/calls?${query}`)).json()) as ListBody).data.map(
        (call) => call.id,
      );
    expect(await ids('status=failed')).toEqual(
      newestFirst().filter((_id, index) => (11 - index) % 3 === 1),
    );
    expect(await ids('direction=outbound')).toHaveLength(3);
    expect(await ids(`number=${encodeURIComponent('+1 555 700 0003')}`)).toEqual([callIds[3]]);
    expect(await ids('number=%2B15550100000&limit=200')).toHaveLength(12);
    expect(await ids('from=2025-05-01T12:00:02Z&to=2025-05-01T12:00:04Z')).toEqual([
      callIds[3],
      callIds[2],
    ]);
    expect(await ids('search=Brake')).toEqual([recordedCall()]);
  });

  it('refuses a forged cursor and invalid filters', async () => {
    const forged = await org.request('GET', '/v1/calls?cursor=not-a-cursor');
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { code: string }).code).toBe('invalid_cursor');
    const wrongShape = encodeCursor(['yesterday', 'someone']);
    const shaped = await org.request('GET', `/v1/calls?cursor=${wrongShape}`);
    expect(((await shaped.json()) as { code: string }).code).toBe('invalid_cursor');
    const invalid = await org.request('GET', '/v1/calls?status=lost&number=12&search=%21%21');
    expect(invalid.status).toBe(422);
    const paths = ((await invalid.json()) as { errors: { path: string }[] }).errors.map(
      (error) => error.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['query.status', 'query.number', 'query.search']));
  });

  it('returns a call with its transcript, tool calls and recording link', async () => {
    const response = await org.request('GET', `/v1/calls/${recordedCall()}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: recordedCall(),
      direction: 'outbound',
      totalCost: '0.031000',
      hasRecording: true,
      transcript: [{ speaker: 'agent' }, { speaker: 'caller', text: 'My brakes squeak.' }],
      toolCalls: [{ id: 'tc1', arguments: { days: 2 }, result: '{"slots":["09:00"]}' }],
      recording: {
        durationMs: 4000,
        url: `https://switchboard.example/v1/calls/${recordedCall()}/recording`,
      },
    });
    const missing = await org.request('GET', `/v1/calls/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('not_found');
  });

  it('streams the recording whole or by byte range', async () => {
    const path = `/v1/calls/${recordedCall()}/recording`;
    const whole = await get(org, path);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-length')).toBe('3000');
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(RECORDING);

    const part = await get(org, path, { range: 'bytes=1000-1009' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 1000-1009/3000');
    expect(part.headers.get('content-length')).toBe('10');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(RECORDING.slice(1000, 1010));

    const tail = await get(org, path, { range: 'bytes=-4' });
    expect(tail.headers.get('content-range')).toBe('bytes 2996-2999/3000');
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(RECORDING.slice(2996));

    const beyond = await get(org, path, { range: 'bytes=5000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */3000');
    expect(((await beyond.json()) as { code: string }).code).toBe('range_not_satisfiable');

    const unrecorded = await get(org, `/v1/calls/${callIds[1] ?? ''}/recording`);
    expect(unrecorded.status).toBe(404);
  });

  it('shows another organisation nothing: empty lists and 404s', async () => {
    const list = (await (await other.request('GET', '/v1/calls')).json()) as ListBody;
    expect(list).toEqual({ data: [], nextCursor: null });
    const searched = (await (
      await other.request('GET', '/v1/calls?search=brakes')
    ).json()) as ListBody;
    expect(searched.data).toEqual([]);
    expect((await other.request('GET', `/v1/calls/${recordedCall()}`)).status).toBe(404);
    const recording = await get(other, `/v1/calls/${recordedCall()}/recording`, {
      range: 'bytes=0-9',
    });
    expect(recording.status).toBe(404);
    // A cursor taken from one organisation's list reveals nothing in another's.
    const page = (await (await org.request('GET', '/v1/calls?limit=2')).json()) as ListBody;
    const borrowed = (await (
      await other.request('GET', `/v1/calls?cursor=${page.nextCursor ?? ''}`)
    ).json()) as ListBody;
    expect(borrowed.data).toEqual([]);
  });

  it('documents the call schemas by name in the OpenAPI document', async () => {
    const document = (await (await context.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/calls', '/v1/calls/{callId}', '/v1/calls/{callId}/recording']),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['CallSummary', 'CallList', 'CallDetail', 'CallTranscriptTurn']),
    );
  });
});
