import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';

interface ListBody {
  data: { id: string; sentiment: string | null; success: boolean | null }[];
  nextCursor: string | null;
}

/** What the seeded calls' latest analyses said; null: not analysed. */
const ANALYSES: (Record<string, unknown> | null)[] = [
  { sentiment: 'positive', success: { achieved: true, reason: 'Booked' } },
  { sentiment: 'negative', success: { achieved: false, reason: 'Hung up' } },
  { sentiment: 'neutral', success: { achieved: true, reason: 'Answered' } },
  null,
  { sentiment: 'positive', success: { achieved: false, reason: 'No slot' } },
  // Analysed without sentiment (the agent does not ask for it), and a malformed verdict.
  { summary: 'Short call', success: { achieved: 'yes' } },
  { sentiment: 'positive', success: { achieved: true, reason: 'Booked' } },
];

describe.each(testBackends())('call list analysis filters on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  let other: TestOrganization;
  let ids: string[];

  /** Ids of the list for a query, newest first, following every page. */
  const list = async (organization: TestOrganization, query: string) => {
    const found: string[] = [];
    let path: string | undefined = `/v1/calls?limit=2&${query}`;
    while (path !== undefined) {
      const response = await organization.request('GET', path);
      expect(response.status, path).toBe(200);
      const body = (await response.json()) as ListBody;
      found.push(...body.data.map((call) => call.id));
      path =
        body.nextCursor === null
          ? undefined
          : `/v1/calls?limit=2&${query}&cursor=${body.nextCursor}`;
    }
    return found;
  };
  /** Seeded ids whose analysis passes `keep`, newest first. */
  const expected = (keep: (analysis: Record<string, unknown> | null) => boolean) =>
    ids.filter((_id, index) => keep(ANALYSES[index] ?? null)).reverse();

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Mood Motors');
    other = await context.createOrganization('Elsewhere');
    ids = ANALYSES.map(() => randomUUID());
    await context.database.forOrganization(org.orgId, (trx) =>
      trx
        .insertInto('calls')
        .values(
          ANALYSES.map((analysis, index) => ({
            id: ids[index] as string,
            org_id: org.orgId,
            direction: 'inbound' as const,
            status: 'completed' as const,
            from_number: '+15557000001',
            to_number: '+15550100000',
            carrier: 'twilio',
            routed_by: 'number' as const,
            created_at: new Date(Date.UTC(2025, 5, 1, 9, 0, index)).toISOString(),
            analysis: analysis === null ? null : JSON.stringify(analysis),
            analysis_status: analysis === null ? ('none' as const) : ('done' as const),
          })),
        )
        .execute(),
    );
  }, 60_000);
  afterAll(async () => context?.close());

  it('filters by the latest analysis sentiment', async () => {
    expect(await list(org, 'sentiment=positive')).toEqual(
      expected((analysis) => analysis?.sentiment === 'positive'),
    );
    expect(await list(org, 'sentiment=negative')).toEqual([ids[1]]);
    expect(await list(org, 'sentiment=neutral')).toEqual([ids[2]]);
  });

  it('filters by the success verdict, alone or with sentiment and other filters', async () => {
    const achieved = (analysis: Record<string, unknown> | null) =>
      (analysis?.success as { achieved?: unknown } | undefined)?.achieved;
    expect(await list(org, 'success=true')).toEqual(expected((a) => achieved(a) === true));
    expect(await list(org, 'success=false')).toEqual(expected((a) => achieved(a) === false));
    expect(await list(org, 'sentiment=positive&success=false')).toEqual([ids[4]]);
    expect(await list(org, 'sentiment=positive&success=true&status=completed')).toEqual([
      ids[6],
      ids[0],
    ]);
    expect(
      await list(org, `sentiment=positive&number=${encodeURIComponent('+15557000001')}`),
    ).toEqual([ids[6], ids[4], ids[0]]);
    expect(await list(org, 'sentiment=positive&to=2025-06-01T09:00:05Z')).toEqual([ids[4], ids[0]]);
  });

  it('refuses values outside the lists with 422', async () => {
    const response = await org.request('GET', '/v1/calls?sentiment=furious&success=yes');
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors.map((error) => error.path).sort()).toEqual([
      'query.sentiment',
      'query.success',
    ]);
  });

  it('shows another organisation none of them', async () => {
    expect(await list(other, 'sentiment=positive')).toEqual([]);
    expect(await list(other, 'success=true')).toEqual([]);
  });
});
