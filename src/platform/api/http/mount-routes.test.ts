import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createExampleApp,
  createExampleWidgetRoutes,
  authenticateExampleKey,
} from './example-widget-routes.fixture.js';
import { createLogger } from '../../../logging/logger.js';
import { createRouteDefiner } from './define-route.js';
import { mountRoutes } from './mount-routes.js';
import { problemSchema } from './problem-response.js';
import type { ExamplePrincipal } from './example-widget-routes.fixture.js';

const asAdmin = { authorization: 'Bearer sk_admin_acme' };
const newWidget = { name: 'Sprocket', tags: ['red'], dimensions: { width: 2, height: 3 } };

async function readProblem(response: Response): Promise<z.output<typeof problemSchema>> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return problemSchema.parse(await response.json());
}

async function createWidget(
  app: Hono,
  body: unknown,
  headers: Record<string, string> = asAdmin,
): Promise<Response> {
  return app.request('/v1/widgets', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('mountRoutes', () => {
  it('creates, reads and deletes, applying defaults and stripping undeclared fields', async () => {
    const app = createExampleApp();
    const created = await createWidget(app, newWidget);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/widgets/w_1');
    const widget: unknown = await created.json();
    expect(widget).toEqual({
      id: 'w_1',
      orgId: 'acme',
      name: 'Sprocket',
      tags: ['red'],
      dimensions: { width: 2, height: 3, unit: 'mm' },
    });

    const read = await app.request('/v1/widgets/w_1', {
      headers: { authorization: 'Bearer sk_read_acme' },
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(widget);

    const deleted = await app.request('/v1/widgets/w_1', { method: 'DELETE', headers: asAdmin });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    const gone = await app.request('/v1/widgets/w_1', { headers: asAdmin });
    expect(gone.status).toBe(404);
    expect(await readProblem(gone)).toMatchObject({
      code: 'not_found',
      detail: 'Widget w_1 not found.',
    });
  });

  it('reports every invalid field of params, query and body in one 422', async () => {
    const app = createExampleApp();
    const badParams = await app.request('/v1/widgets/nope', { headers: asAdmin });
    expect(badParams.status).toBe(422);
    expect(badParams.headers.get('content-type')).toBe('application/problem+json');
    expect((await readProblem(badParams)).errors).toEqual([
      { path: 'params.widgetId', message: expect.any(String) },
    ]);

    const badQuery = await app.request('/v1/widgets?limit=500', { headers: asAdmin });
    expect((await readProblem(badQuery)).errors?.map((error) => error.path)).toEqual([
      'query.limit',
    ]);

    const badBody = await createWidget(app, {
      name: '',
      dimensions: { width: -1, height: 'tall' },
    });
    const problem = await readProblem(badBody);
    expect(problem).toMatchObject({
      status: 422,
      code: 'validation_failed',
      type: 'https://switchboard.dev/problems/validation_failed',
    });
    expect(problem.errors?.map((error) => error.path).sort()).toEqual([
      'body.dimensions.height',
      'body.dimensions.width',
      'body.name',
    ]);
  });

  it('answers malformed JSON with 400 and a non-JSON body with 415', async () => {
    const app = createExampleApp();
    const malformed = await app.request('/v1/widgets', {
      method: 'POST',
      headers: { ...asAdmin, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect(await readProblem(malformed)).toMatchObject({
      code: 'invalid_json',
      instance: '/v1/widgets',
    });
    const text = await app.request('/v1/widgets', {
      method: 'POST',
      headers: { ...asAdmin, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    expect((await readProblem(text)).code).toBe('unsupported_media_type');
  });

  it('refuses missing keys with 401 and missing scopes with 403, before validating', async () => {
    const app = createExampleApp();
    const anonymous = await createWidget(app, { name: '' }, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect((await readProblem(anonymous)).code).toBe('unauthorized');
    const reader = await createWidget(app, newWidget, { authorization: 'Bearer sk_read_acme' });
    expect(reader.status).toBe(403);
    expect((await readProblem(reader)).code).toBe('forbidden');
    const writer = await createWidget(app, newWidget, { authorization: 'Bearer sk_write_acme' });
    expect(writer.status).toBe(201);
    expect((await app.request('/v1/ping')).status).toBe(200);
  });

  it('turns unknown errors into a bare 500 and logs them with the path', async () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line: string) => lines.push(line) } });
    const response = await createExampleApp({ logger }).request('/v1/fail');
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain('hunter2');
    expect(JSON.parse(body)).toMatchObject({
      code: 'internal_error',
      title: 'Internal server error',
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      msg: 'unhandled error in API request',
      path: '/v1/fail',
      method: 'GET',
    });
  });

  it('answers 500 when a handler breaks its own contract', async () => {
    const defineRoute = createRouteDefiner<ExamplePrincipal>();
    const wrongBody = defineRoute({
      method: 'get',
      path: '/v1/wrong',
      operationId: 'wrong',
      summary: 'Wrong',
      tags: [],
      auth: 'none',
      responses: { 200: { description: 'Count', schema: z.object({ count: z.int() }) } },
      handler: (_input) => ({ status: 200, body: { count: 1.5 } }),
    });
    const app = new Hono();
    mountRoutes(app, [wrongBody], { authenticate: authenticateExampleKey });
    const response = await app.request('/v1/wrong');
    expect(response.status).toBe(500);
    expect((await readProblem(response)).code).toBe('internal_error');
  });

  it('refuses the same route or operation twice', () => {
    const [first] = createExampleWidgetRoutes();
    expect(first).toBeDefined();
    if (first === undefined) return;
    expect(() =>
      mountRoutes(new Hono(), [first, first], { authenticate: authenticateExampleKey }),
    ).toThrow(/declared twice/);
    expect(() =>
      mountRoutes(new Hono(), [first, { ...first, path: '/v1/other', honoPath: '/v1/other' }], {
        authenticate: authenticateExampleKey,
      }),
    ).toThrow(/operationId listWidgets/);
  });
});
