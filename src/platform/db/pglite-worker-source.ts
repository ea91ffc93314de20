/**
 * The code of the worker thread that runs the embedded database. PGlite is PostgreSQL compiled to
 * WebAssembly and executes each statement synchronously on the thread that calls it: on the main
 * thread, every write of a call record would stall the audio of every call. In a worker, queries
 * cost the main thread one message each way.
 *
 * Plain CommonJS evaluated with `new Worker(source, { eval: true })`, so it runs the same from
 * TypeScript sources (tests, tsx) and from the build. Protocol: the parent posts
 * `{ id, kind: 'query', sql, parameters }`, `{ id, kind: 'exec', sql }` or `{ id, kind: 'close' }`;
 * the worker answers `{ id, rows, affectedRows }` or `{ id, error }` where `error` carries the
 * PostgreSQL fields (`code`, `constraint`, `detail`…) so callers can tell errors apart.
 */
export const pgliteWorkerSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);
const { btree_gist } = require(workerData.btreeGistPath);

const database = new PGlite({ ...(workerData.dataDir ? { dataDir: workerData.dataDir } : {}), extensions: { btree_gist } });

function describe(error) {
  const described = { message: error && error.message ? error.message : String(error) };
  if (error && typeof error === 'object') {
    for (const key of ['code', 'constraint', 'detail', 'hint', 'schema', 'table', 'column', 'severity']) {
      if (typeof error[key] === 'string') described[key] = error[key];
    }
  }
  return described;
}

database.waitReady.then(
  () => parentPort.postMessage({ id: 0, ready: true }),
  (error) => parentPort.postMessage({ id: 0, error: describe(error) }),
);

parentPort.on('message', async (request) => {
  try {
    if (request.kind === 'query') {
      const result = await database.query(request.sql, request.parameters);
      parentPort.postMessage({ id: request.id, rows: result.rows, affectedRows: result.affectedRows });
    } else if (request.kind === 'exec') {
      const results = await database.exec(request.sql);
      const last = results[results.length - 1];
      parentPort.postMessage({ id: request.id, rows: last ? last.rows : [] });
    } else if (request.kind === 'close') {
      await database.close();
      parentPort.postMessage({ id: request.id, rows: [] });
    }
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: describe(error) });
  }
});
`;
