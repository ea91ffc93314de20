import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SwitchboardError } from '../../../errors/index.js';
import {
  ApiProblem,
  conflict,
  isApiProblem,
  notFound,
  rateLimited,
  unauthorized,
  validationFailed,
} from './api-problem.js';
import { createNotFoundHandler, createProblemHandler, problemSchema } from './problem-response.js';

/** An app whose only route throws what the test gives it, rendered by the problem handler. */
function appThrowing(error: unknown): Hono {
  const app = new Hono();
  app.get('/v1/things/:id', () => {
    throw error;
  });
  app.onError(createProblemHandler());
  app.notFound(createNotFoundHandler());
  return app;
}

async function problemFrom(
  app: Hono,
  path = '/v1/things/7',
  init?: RequestInit,
): Promise<[Response, z.output<typeof problemSchema>]> {
  const response = await app.request(path, init);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return [response, problemSchema.parse(await response.json())];
}

describe('ApiProblem', () => {
  it('is a SwitchboardError with a stable code', () => {
    const problem = conflict('Number +1555 is already assigned.');
    expect(problem).toBeInstanceOf(SwitchboardError);
    expect(isApiProblem(problem)).toBe(true);
    expect(isApiProblem(new Error('x'))).toBe(false);
    expect(problem).toMatchObject({
      status: 409,
      code: 'conflict',
      message: 'Number +1555 is already assigned.',
      retryable: false,
    });
    expect(rateLimited(3).retryable).toBe(true);
  });
});

describe('problem rendering', () => {
  it('renders a problem with type, title, status, detail, code and instance', async () => {
    const [response, body] = await problemFrom(appThrowing(notFound('Agent', 'ag_1')));
    expect(response.status).toBe(404);
    expect(body).toEqual({
      type: 'https://switchboard.dev/problems/not_found',
      title: 'Not found',
      status: 404,
      detail: 'Agent ag_1 not found.',
      code: 'not_found',
      instance: '/v1/things/7',
    });
  });

  it('keeps field errors and extra headers', async () => {
    const [, invalid] = await problemFrom(
      appThrowing(validationFailed([{ path: 'body.name', message: 'Required' }])),
    );
    expect(invalid.errors).toEqual([{ path: 'body.name', message: 'Required' }]);
    const [response] = await problemFrom(appThrowing(unauthorized()));
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    const [custom, body] = await problemFrom(
      appThrowing(
        new ApiProblem({ status: 402, code: 'payment_required', title: 'Payment required' }),
      ),
    );
    expect(custom.status).toBe(402);
    expect(body).not.toHaveProperty('detail');
  });

  it('turns a thrown ZodError into 422 validation_failed with each issue path', async () => {
    const result = z
      .object({ items: z.array(z.object({ name: z.string() })) })
      .safeParse({ items: [{ name: 1 }] });
    const [response, body] = await problemFrom(appThrowing(result.error));
    expect(response.status).toBe(422);
    expect(body.errors).toEqual([{ path: 'items.0.name', message: expect.any(String) }]);
  });

  it("maps hono's HTTPException from its middleware", async () => {
    const app = new Hono();
    app.post('/upload', bodyLimit({ maxSize: 4 }), (context) => context.text('ok'));
    app.onError(createProblemHandler());
    const [response, body] = await problemFrom(app, '/upload', {
      method: 'POST',
      body: 'far too long',
    });
    expect(response.status).toBe(413);
    expect(body.code).toBe('payload_too_large');
  });

  it('hides unknown errors behind 500 internal_error', async () => {
    const [response, body] = await problemFrom(
      appThrowing(new Error('connection string postgres://secret')),
    );
    expect(response.status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('secret');
    expect(body.code).toBe('internal_error');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const [response, body] = await problemFrom(appThrowing(null), '/v1/nowhere');
    expect(response.status).toBe(404);
    expect(body).toMatchObject({ code: 'not_found', instance: '/v1/nowhere' });
  });
});
