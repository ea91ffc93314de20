import {
  startFakeSocketServer,
  type FakeSocketFailureOptions,
  type FakeSocketServer,
} from '../shared/fake-socket-server.js';
import { synthesizeVoice } from '../shared/synthetic-voice.js';
import { FakeElevenLabsSession } from './fake-elevenlabs-session.js';

/** Failure injection (`failConnections`, `failStatus`, `dropAfterMs`) comes with the shared server. */
export interface FakeElevenLabsOptions extends FakeSocketFailureOptions {
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
}

/** A running fake ElevenLabs; `records` hold each socket's received messages in order. */
export type FakeElevenLabs = FakeSocketServer;

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
  return startFakeSocketServer({
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
}
