import {
  startFakeSocketServer,
  type FakeConnectionRecord,
} from '../fake-deepgram/fake-socket-server.js';
import { synthesizeVoice } from '../fake-deepgram/synthetic-voice.js';
import { FakeElevenLabsSession } from './fake-elevenlabs-session.js';

export interface FakeElevenLabsOptions {
  /** When set, the `xi-api-key` header (or `xi_api_key` in the init message) must match. */
  readonly apiKey?: string;
  /** Voice ids that exist; default: any 20-character id of letters and digits. */
  readonly voices?: readonly string[];
  /** Delay before the first audio of each generation (flush or schedule threshold). */
  readonly firstByteDelayMs?: number;
  /** Injectable synthesis (μ-law 8 kHz), e.g. real speech for a demo; default is a synthetic voice. */
  readonly synthesize?: (text: string) => Promise<Uint8Array> | Uint8Array;
  /** Bytes of μ-law per audio message (default 800, 100 ms). */
  readonly chunkBytes?: number;
  /** Close after this long without a message, unless the query sets `inactivity_timeout` (default 20000). */
  readonly inactivityTimeoutMs?: number;
  /** Refuse the next N upgrades with `failStatus` (default 503). */
  readonly failConnections?: number;
  readonly failStatus?: number;
  /** Terminate each socket this long after it opened (a provider drop). */
  readonly dropAfterMs?: number;
}

export interface FakeElevenLabs {
  /** `ws://127.0.0.1:<port>`: the provider's baseUrl. */
  readonly url: string;
  readonly connections: number;
  readonly activeConnections: number;
  /** Every accepted connection with its path, query, headers and received messages in order. */
  readonly records: readonly FakeConnectionRecord[];
  failNext(count: number): void;
  dropAll(): void;
  close(): Promise<void>;
}

const streamInputPath = /^\/v1\/text-to-speech\/([^/]+)\/stream-input$/;

/**
 * A local ElevenLabs `stream-input` WebSocket speaking the real wire protocol. Used by tests, the
 * no-key demo mode and benchmarks.
 *
 * @example
 * const fake = await startFakeElevenLabs({ firstByteDelayMs: 150 });
 * const tts = createElevenLabsTts({ apiKey: 'test', baseUrl: fake.url, voiceId: '21m00Tcm4TlvDq8ikWAM' });
 */
export async function startFakeElevenLabs(
  options: FakeElevenLabsOptions = {},
): Promise<FakeElevenLabs> {
  const server = await startFakeSocketServer({
    failConnections: options.failConnections,
    failStatus: options.failStatus,
    dropAfterMs: options.dropAfterMs,
    authorize: (url, request) => {
      if (!streamInputPath.test(url.pathname))
        return { status: 404, body: '{"detail":"Not Found"}' };
      const key = request.headers['xi-api-key'];
      if (options.apiKey !== undefined && key !== undefined && key !== options.apiKey) {
        return {
          status: 401,
          body: '{"detail":{"status":"invalid_api_key","message":"Invalid API key"}}',
        };
      }
      return undefined;
    },
    onConnection: (socket, record) => {
      const voiceId = decodeURIComponent(streamInputPath.exec(record.path)?.[1] ?? '');
      new FakeElevenLabsSession(socket, record, voiceId, {
        apiKey: options.apiKey,
        voices: options.voices,
        firstByteDelayMs: options.firstByteDelayMs ?? 0,
        inactivityTimeoutMs: options.inactivityTimeoutMs ?? 20_000,
        chunkBytes: options.chunkBytes ?? 800,
        synthesize: options.synthesize ?? synthesizeVoice,
      });
    },
  });
  return {
    get url() {
      return server.url;
    },
    get connections() {
      return server.connections;
    },
    get activeConnections() {
      return server.activeConnections;
    },
    get records() {
      return server.records;
    },
    failNext: (count) => server.failNext(count),
    dropAll: () => server.dropAll(),
    close: () => server.close(),
  };
}
