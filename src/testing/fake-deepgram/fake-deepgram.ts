import {
  startFakeSocketServer,
  type FakeSocketFailureOptions,
  type FakeSocketServer,
  type UpgradeRejection,
} from '../shared/fake-socket-server.js';
import { synthesizeVoice } from '../shared/synthetic-voice.js';
import { FakeListenSession } from './fake-deepgram-listen.js';
import { generatedPhrase } from './fake-deepgram-results.js';
import { FakeSpeakSession } from './fake-deepgram-speak.js';

/** Failure injection (`failConnections`, `failStatus`, `dropAfterMs`) comes with the shared server. */
export interface FakeDeepgramOptions extends FakeSocketFailureOptions {
  /** When set, the `Authorization: Token <key>` header must match or the upgrade gets 401. */
  readonly apiKey?: string;
  /** Each connection's n-th utterance is `script[n]`; past the end, "utterance four" and so on. */
  readonly script?: readonly string[];
  /** Overrides `script`: the text of a connection's n-th utterance. */
  readonly transcribe?: (connectionIndex: number, utteranceIndex: number) => string;
  /** Delay before each Results message (default 0). */
  readonly resultLatencyMs?: number;
  /** Aura: delay before the first audio of each Flush (default 0). */
  readonly ttsFirstByteMs?: number;
  /** Aura: injectable synthesis (μ-law 8 kHz); default is the cheap synthetic voice. */
  readonly synthesize?: (text: string) => Promise<Uint8Array> | Uint8Array;
  /** Aura: bytes per binary frame (default 800, 100 ms). */
  readonly ttsChunkBytes?: number;
  /** Close listen sockets with 1011 / NET-0001 after this long without audio or KeepAlive (default 10000). */
  readonly inactivityTimeoutMs?: number;
  /** Mean absolute PCM16 amplitude per 20 ms that counts as speech (default 500). */
  readonly energyThreshold?: number;
  /** Shorter speech is noise (default 100 ms). */
  readonly minSpeechMs?: number;
}

/** A running fake Deepgram; `connections` and `records` cover listen and speak sockets alike. */
export type FakeDeepgram = FakeSocketServer;

/**
 * A local Deepgram speaking the real wire protocol on `/v1/listen` (live STT, segmenting speech by
 * μ-law energy) and `/v1/speak` (Aura TTS). Used by tests, the no-key demo mode and benchmarks.
 *
 * @example
 * const fake = await startFakeDeepgram({ script: ['I would like to book a table'] });
 * const stt = createDeepgramStt({ apiKey: 'test', baseUrl: fake.url });
 */
export async function startFakeDeepgram(options: FakeDeepgramOptions = {}): Promise<FakeDeepgram> {
  const script = options.script ?? [];
  const transcribe =
    options.transcribe ??
    ((_connection: number, utterance: number) =>
      script[utterance] ?? generatedPhrase(utterance + 1));
  return startFakeSocketServer({
    failConnections: options.failConnections,
    failStatus: options.failStatus,
    dropAfterMs: options.dropAfterMs,
    authorize: (url, request) => authorize(url, request.headers.authorization, options.apiKey),
    onConnection: (socket, record) => {
      if (record.path === '/v1/listen') {
        new FakeListenSession(socket, record, {
          transcribe,
          resultLatencyMs: options.resultLatencyMs ?? 0,
          inactivityTimeoutMs: options.inactivityTimeoutMs ?? 10_000,
          energyThreshold: options.energyThreshold ?? 500,
          minSpeechMs: options.minSpeechMs ?? 100,
        });
      } else {
        new FakeSpeakSession(socket, record, {
          firstByteMs: options.ttsFirstByteMs ?? 0,
          chunkBytes: options.ttsChunkBytes ?? 800,
          synthesize: options.synthesize ?? synthesizeVoice,
        });
      }
    },
  });
}

function authorize(
  url: URL,
  authorization: string | undefined,
  apiKey: string | undefined,
): UpgradeRejection | undefined {
  if (url.pathname !== '/v1/listen' && url.pathname !== '/v1/speak') {
    return { status: 404, body: '{"err_code":"NOT_FOUND","err_msg":"Unknown path."}' };
  }
  if (apiKey !== undefined && authorization !== `Token ${apiKey}`) {
    return { status: 401, body: '{"err_code":"INVALID_AUTH","err_msg":"Invalid credentials."}' };
  }
  const query = url.searchParams;
  if (query.get('encoding') !== 'mulaw' || query.get('sample_rate') !== '8000') {
    return {
      status: 400,
      body: '{"err_code":"Bad Request","err_msg":"The fake supports only encoding=mulaw&sample_rate=8000."}',
    };
  }
  if (url.pathname === '/v1/listen' && (query.get('channels') ?? '1') !== '1') {
    return {
      status: 400,
      body: '{"err_code":"Bad Request","err_msg":"The fake supports only channels=1."}',
    };
  }
  return undefined;
}
