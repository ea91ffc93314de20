import { Hono } from 'hono';
import type { Registry } from 'prom-client';

/** What keeps the server from taking calls, as shown by `/readyz`. */
export interface Readiness {
  readonly ready: boolean;
  /** One line per missing piece, saying what to do. */
  readonly missing: readonly string[];
}

/**
 * `/healthz`: the process is alive. `/readyz`: it can take calls (503 with the reasons when not).
 * `/metrics`: Prometheus text.
 */
export function createHealthRoutes(options: {
  readonly readiness: () => Readiness;
  readonly registry: Registry;
  readonly activeCalls: () => number;
  /** Shown on /healthz so a simulated caller can sign its webhooks for the right URL. */
  readonly publicUrl: string;
}): Hono {
  const app = new Hono();
  app.get('/healthz', (context) => context.json({ status: 'ok', publicUrl: options.publicUrl }));
  app.get('/readyz', (context) => {
    const readiness = options.readiness();
    return context.json(
      {
        status: readiness.ready ? 'ready' : 'not-ready',
        missing: readiness.missing,
        activeCalls: options.activeCalls(),
      },
      readiness.ready ? 200 : 503,
    );
  });
  app.get('/metrics', async (context) =>
    context.body(await options.registry.metrics(), 200, {
      'content-type': options.registry.contentType,
    }),
  );
  return app;
}
