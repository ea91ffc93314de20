/**
 * The code of the worker thread that runs the Silero network. It is plain CommonJS evaluated with
 * `new Worker(source, { eval: true })`, so that it runs the same from TypeScript sources (tests,
 * tsx) and from the build, without a loader. onnxruntime-node is required by the absolute path
 * the parent resolved, because an evaluated script has no folder of its own to resolve from.
 *
 * `workerData`: `{ onnxruntimePath, modelPath, sampleRate, inputLength, maxBatch, maxWindows,
 * shared }`. `shared` is a SharedArrayBuffer holding, as float32, the window inputs (maxWindows ×
 * inputLength), the states (maxBatch × 256, read as [2, streams, 128]) and the probabilities
 * (maxWindows): requests cross without being copied or transferred, and messages stay small.
 *
 * Protocol. After loading, the worker posts `{ type: 'ready' }`, or `{ type: 'loadFailed',
 * message }` and exits. A request is `{ type: 'run', id, rounds }`: `rounds[r]` streams have an
 * (r+1)-th window, so `rounds` does not increase, its first entry is the number of streams (at
 * most maxBatch) and its sum the number of windows (at most maxWindows). Streams come longest
 * backlog first, so round r is slots 0 … rounds[r]-1. The parent writes the inputs round after
 * round (round 0's rows, then round 1's, …) and each stream's state into its slot; the worker
 * runs one batched inference per round, each starting from the states the previous one left,
 * writes every probability into the row of its input and each stream's last state over its
 * slot, then answers `{ type: 'result', id }`. On failure it answers `{ type: 'failed', id,
 * message }` and the areas hold nothing usable. `{ type: 'close' }` releases the session and
 * lets the thread end. Any other request is a bug on one side: the worker throws and dies, and
 * the parent starts a fresh one.
 *
 * Requests are handled one after another: the native run is synchronous on this thread, and
 * the parent never has more than one request in flight, so the shared rows have one owner at a
 * time.
 */
export const sileroWorkerSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

const STATE_SIZE = 256;
const STATE_HALF = STATE_SIZE / 2;
let ort;
let session;
let sampleRateTensor;
let queue = Promise.resolve();

const { inputLength, maxBatch, maxWindows, shared } = workerData;
const inputArea = new Float32Array(shared, 0, maxWindows * inputLength);
const stateArea = new Float32Array(shared, inputArea.byteLength, maxBatch * STATE_SIZE);
const probabilityArea = new Float32Array(
  shared,
  inputArea.byteLength + stateArea.byteLength,
  maxWindows,
);
// onnxruntime-node refuses tensors over shared memory ("Invalid argument"), so each round is
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

/** The number of streams in a request, after checking that its rounds fit the areas. */
function streamsOf(rounds) {
  if (!Array.isArray(rounds) || rounds.length === 0) throw new Error('a run needs rounds');
  let previous = maxBatch;
  let windows = 0;
  for (const count of rounds) {
    if (!Number.isInteger(count) || count < 1 || count > previous) {
      throw new Error('Silero rounds must be positive and not increasing, within maxBatch');
    }
    previous = count;
    windows += count;
  }
  if (windows > maxWindows) throw new Error('Silero request has more windows than maxWindows');
  return rounds[0];
}

async function run(request) {
  const { id, rounds } = request;
  try {
    const streams = streamsOf(rounds);
    let row = 0;
    for (const count of rounds) {
      const input = inputCopy.subarray(0, count * inputLength);
      input.set(inputArea.subarray(row * inputLength, (row + count) * inputLength));
      // The first count slots of each layer's half: the streams that have a window this round.
      const state = stateCopy.subarray(0, count * STATE_SIZE);
      state.set(stateArea.subarray(0, count * STATE_HALF), 0);
      state.set(
        stateArea.subarray(streams * STATE_HALF, (streams + count) * STATE_HALF),
        count * STATE_HALF,
      );
      const result = await session.run({
        input: new ort.Tensor('float32', input, [count, inputLength]),
        state: new ort.Tensor('float32', state, [2, count, STATE_HALF]),
        sr: sampleRateTensor,
      });
      const output = result.output === undefined ? undefined : result.output.data;
      const nextState = result.stateN === undefined ? undefined : result.stateN.data;
      if (!(output instanceof Float32Array) || !(nextState instanceof Float32Array)) {
        throw new Error('Silero output is not float32');
      }
      if (output.length < count || nextState.length < count * STATE_SIZE) {
        throw new Error('Silero output has fewer rows than the batch');
      }
      // Written straight over the request's states: the next round starts from them, and a
      // stream without a next window keeps its last one there for the parent.
      stateArea.set(nextState.subarray(0, count * STATE_HALF), 0);
      stateArea.set(nextState.subarray(count * STATE_HALF, count * STATE_SIZE), streams * STATE_HALF);
      probabilityArea.set(output.subarray(0, count), row);
      row += count;
    }
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
