/**
 * The code of the worker thread that runs the Silero network. It is plain CommonJS evaluated with
 * `new Worker(source, { eval: true })`, so that it runs the same from TypeScript sources (tests,
 * tsx) and from the build, without a loader. onnxruntime-node is required by the absolute path
 * the parent resolved, because an evaluated script has no folder of its own to resolve from.
 *
 * `workerData`: `{ onnxruntimePath, modelPath, sampleRate, inputLength, maxBatch, shared }`.
 * `shared` is a SharedArrayBuffer holding, as float32, the batch input (maxBatch × inputLength),
 * the state (maxBatch × 256, read as [2, size, 128]) and the probabilities (maxBatch): batches
 * cross without being copied or transferred, and messages stay a few bytes.
 *
 * Protocol. After loading, the worker posts `{ type: 'ready' }`, or `{ type: 'loadFailed',
 * message }` and exits. The parent fills the first `size` rows and posts `{ type: 'run', id,
 * size }`; the worker writes the next state over the state rows and the probabilities, then
 * answers `{ type: 'result', id }`, or `{ type: 'failed', id, message }` with nothing written.
 * `{ type: 'close' }` releases the session and lets the thread end. Any other request is a bug
 * on one side: the worker throws and dies, and the parent starts a fresh one.
 *
 * Requests are handled one after another: the native run is synchronous on this thread, and
 * the parent never has more than one batch in flight, so the shared rows have one owner at a time.
 */
export const sileroWorkerSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

const STATE_SIZE = 256;
let ort;
let session;
let sampleRateTensor;
let queue = Promise.resolve();

const { inputLength, maxBatch, shared } = workerData;
const inputArea = new Float32Array(shared, 0, maxBatch * inputLength);
const stateArea = new Float32Array(shared, inputArea.byteLength, maxBatch * STATE_SIZE);
const probabilityArea = new Float32Array(
  shared,
  inputArea.byteLength + stateArea.byteLength,
  maxBatch,
);
// onnxruntime-node refuses tensors over shared memory ("Invalid argument"), so each batch is
// copied into these first: a memcpy on this thread, nothing on the parent's.
const inputCopy = new Float32Array(maxBatch * inputLength);
const stateCopy = new Float32Array(maxBatch * STATE_SIZE);

function describe(error) {
  return error instanceof Error ? error.message : String(error);
}

async function load() {
  try {
    ort = require(workerData.onnxruntimePath);
    // One thread each: batching gives the throughput, and the other cores belong to other calls.
    session = await ort.InferenceSession.create(workerData.modelPath, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    sampleRateTensor = new ort.Tensor('int64', BigInt64Array.of(BigInt(workerData.sampleRate)), []);
  } catch (error) {
    parentPort.postMessage({ type: 'loadFailed', message: describe(error) });
    parentPort.close();
    return;
  }
  parentPort.postMessage({ type: 'ready' });
}

async function run(request) {
  const { id, size } = request;
  try {
    const input = inputCopy.subarray(0, size * inputLength);
    const state = stateCopy.subarray(0, size * STATE_SIZE);
    input.set(inputArea.subarray(0, size * inputLength));
    state.set(stateArea.subarray(0, size * STATE_SIZE));
    const result = await session.run({
      input: new ort.Tensor('float32', input, [size, inputLength]),
      state: new ort.Tensor('float32', state, [2, size, STATE_SIZE / 2]),
      sr: sampleRateTensor,
    });
    const output = result.output === undefined ? undefined : result.output.data;
    const nextState = result.stateN === undefined ? undefined : result.stateN.data;
    if (!(output instanceof Float32Array) || !(nextState instanceof Float32Array)) {
      throw new Error('Silero output is not float32');
    }
    if (output.length < size || nextState.length < size * STATE_SIZE) {
      throw new Error('Silero output has fewer rows than the batch');
    }
    stateArea.set(nextState.subarray(0, size * STATE_SIZE));
    probabilityArea.set(output.subarray(0, size));
    parentPort.postMessage({ type: 'result', id });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', id, message: describe(error) });
  }
}

async function close() {
  try {
    await session.release();
  } finally {
    parentPort.close();
  }
}

parentPort.on('message', (request) => {
  const type = request === null || typeof request !== 'object' ? undefined : request.type;
  if (type === 'run') queue = queue.then(() => run(request));
  else if (type === 'close') queue = queue.then(close);
  else throw new Error('unknown Silero worker request: ' + String(type));
});

load();
`;
