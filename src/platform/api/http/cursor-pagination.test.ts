import { describe, expect, it } from 'vitest';
import { isApiProblem } from './api-problem.js';
import {
  decodeCursor,
  encodeCursor,
  limitQuerySchema,
  listEnvelopeSchema,
  toListPage,
} from './cursor-pagination.js';
import { createExampleApp, widgetSchema } from './example-widget-routes.fixture.js';

function problemCodeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return isApiProblem(error) ? `${error.status} ${error.code}` : 'other';
  }
  return undefined;
}

describe('cursors', () => {
  it('round-trips values as base64url JSON', () => {
    const cursor = encodeCursor(['2025-01-02T03:04:05.000Z', 42, 'ü/+']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const [createdAt, sequence, id] = decodeCursor(cursor, ['string', 'number', 'string']);
    expect([createdAt, sequence, id]).toEqual(['2025-01-02T03:04:05.000Z', 42, 'ü/+']);
  });

  it('answers 400 invalid_cursor to anything it did not make', () => {
    const shape = ['string', 'number'] as const;
    for (const cursor of [
      '',
      'not base64!',
      'e30',
      encodeCursor(['a']),
      encodeCursor([1, 'a']),
      Buffer.from('[1,').toString('base64url'),
      'A'.repeat(2000),
    ]) {
      expect(
        problemCodeOf(() => decodeCursor(cursor, shape)),
        cursor,
      ).toBe('400 invalid_cursor');
    }
    expect(() => encodeCursor([Number.NaN])).toThrow(/finite/);
  });

  it('limits pages to 1..200, 50 by default', () => {
    expect(limitQuerySchema.parse(undefined)).toBe(50);
    expect(limitQuerySchema.parse('200')).toBe(200);
    for (const bad of ['0', '201', '2.5', 'ten'])
      expect(limitQuerySchema.safeParse(bad).success).toBe(false);
  });

  it('builds an envelope from limit + 1 rows', () => {
    expect(toListPage([{ n: 1 }, { n: 2 }, { n: 3 }], 2, (row) => [row.n])).toEqual({
      data: [{ n: 1 }, { n: 2 }],
      nextCursor: encodeCursor([2]),
    });
    expect(toListPage([{ n: 1 }], 2, (row) => [row.n])).toEqual({
      data: [{ n: 1 }],
      nextCursor: null,
    });
  });
});

describe('paging through a mounted list route', () => {
  it('walks every page by following nextCursor', async () => {
    const app = createExampleApp();
    const headers = { authorization: 'Bearer sk_write_acme', 'content-type': 'application/json' };
    for (let index = 1; index <= 5; index += 1) {
      const tags = index % 2 === 0 ? ['even'] : ['odd'];
      const body = JSON.stringify({
        name: `widget ${index}`,
        tags,
        dimensions: { width: index, height: 1 },
      });
      expect((await app.request('/v1/widgets', { method: 'POST', headers, body })).status).toBe(
        201,
      );
    }
    const envelope = listEnvelopeSchema(widgetSchema);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${cursor}`;
      const page = envelope.parse(
        await (await app.request(`/v1/widgets${query}`, { headers })).json(),
      );
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((widget) => widget.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['w_1', 'w_2', 'w_3', 'w_4', 'w_5']);

    const odd = envelope.parse(
      await (await app.request('/v1/widgets?tag=odd', { headers })).json(),
    );
    expect(odd.data.map((widget) => widget.id)).toEqual(['w_1', 'w_3', 'w_5']);
    const bad = await app.request('/v1/widgets?cursor=garbage', { headers });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_cursor', instance: '/v1/widgets' });
  });
});
