/**
 * The code of the worker thread that runs Flite. It is plain CommonJS evaluated with
 * `new Worker(source, { eval: true })`, so that it runs the same from TypeScript sources (tests,
 * tsx) and from the build, without a loader.
 *
 * Protocol: the parent posts `{ id, voice, text }`; the worker answers `{ id, wav }` (the WAV
 * bytes, transferred) or `{ id, error }`. `workerData.module` is the compiled `flite.wasm`.
 * Each request gets a fresh instance and a fresh temporary output folder, removed afterwards
 * (a folder per request, not per worker, so a process killed between requests leaves none).
 *
 * The WASI imports are wrapped in plain functions on purpose: node:wasi's fast-API path writes
 * into the wrong instance's memory when one compiled module is instantiated several times
 * (nodejs/node#52402, #53087), which crashed the process on the third synthesis here. Through a
 * JS wrapper V8 takes the ordinary call path, which reads the right memory.
 */
export const fliteWorkerSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { WASI } = require('node:wasi');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const nullInput = fs.openSync(os.devNull, 'r');
const nullOutput = fs.openSync(os.devNull, 'w');

function synthesize(voice, text) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-flite-'));
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: ['flite', '-voice', voice, '-t', text, '-o', '/out/speech.wav'],
      env: {},
      preopens: { '/out': directory },
      returnOnExit: true,
      stdin: nullInput,
      stdout: nullOutput,
      stderr: nullOutput,
    });
    const imports = {};
    for (const [name, fn] of Object.entries(wasi.getImportObject().wasi_snapshot_preview1)) {
      imports[name] = (...args) => fn(...args);
    }
    const instance = new WebAssembly.Instance(workerData.module, { wasi_snapshot_preview1: imports });
    const exitCode = wasi.start(instance);
    if (exitCode !== 0) throw new Error('flite exited with code ' + exitCode);
    return new Uint8Array(fs.readFileSync(path.join(directory, 'speech.wav')));
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

parentPort.on('message', (request) => {
  try {
    const wav = synthesize(request.voice, request.text);
    parentPort.postMessage({ id: request.id, wav }, [wav.buffer]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort.postMessage({ id: request.id, error: message });
  }
});
`;
