import { MULAW_8K } from '../../audio/audio-frame.js';
import { ConfigError } from '../../errors/config-error.js';
import type { Logger } from '../../logging/logger.js';
import { parseSetting } from '../shared/parse-with-schema.js';
import type { OpenSocket, WebSocketConstructor } from '../shared/provider-socket.js';
import {
  openConnectionSocket,
  resolveSocketProviderConnection,
  socketStreamLogger,
} from '../shared/socket-provider-connection.js';
import type { TtsModelV1, TtsStreamOptions, TtsStreamV1 } from '../spec/tts-model-v1.js';
import { ElevenLabsPrewarmPool } from './elevenlabs-prewarm-pool.js';
import {
  assertElevenLabsVoiceId,
  buildInitMessage,
  chunkLengthScheduleSchema,
  elevenLabsVoiceSettingsSchema,
  parseElevenLabsTtsOptions,
  type ElevenLabsVoiceSettings,
} from './elevenlabs-tts-options.js';
import { createElevenLabsTtsStream } from './elevenlabs-tts-stream.js';

export interface ElevenLabsTtsSettings {
  /** Falls back to `ELEVENLABS_API_KEY`; optional when the base URL is a local or private host. */
  readonly apiKey?: string;
  /** Falls back to `ELEVENLABS_BASE_URL`, then `wss://api.elevenlabs.io`; http(s) maps to ws(s). */
  readonly baseUrl?: string;
  /** Default voice: 20 letters and digits. A stream's `voice` overrides it. */
  readonly voiceId: string;
  readonly modelId?: string;
  /** Sent in the init message; omitted fields keep the voice's own settings. */
  readonly voiceSettings?: ElevenLabsVoiceSettings;
  /** Default [120, 160, 250, 290]; each value 50..500. */
  readonly chunkLengthSchedule?: readonly number[];
  /**
   * Keep one socket open (init sent) for the next utterance to cut first-byte latency. Default
   * false. Call `close()` on the model at shutdown to release it.
   */
  readonly prewarm?: boolean;
  /** How long an unused pre-warmed socket is kept (default 15000 ms, below the 20 s server timeout). */
  readonly prewarmIdleMs?: number;
  readonly connectTimeoutMs?: number;
  readonly WebSocket?: WebSocketConstructor;
  readonly logger?: Logger;
}

/** The ElevenLabs model; `close()` releases the pre-warmed socket, if any. */
export interface ElevenLabsTtsModel extends TtsModelV1 {
  close(): void;
}

const defaultSchedule = [120, 160, 250, 290] as const;
/** Models that accept `language_code` (the others reject the request when it is set). */
const languageCodeModels = /_v2_5$/;

/**
 * ElevenLabs `stream-input` text-to-speech, μ-law 8 kHz out (`ulaw_8000`). One socket per
 * utterance; barge-in closes it.
 *
 * @example
 * const tts = createElevenLabsTts({ voiceId: '21m00Tcm4TlvDq8ikWAM', prewarm: true });
 * const stream = await tts.stream({ abortSignal });
 * stream.pushText('Sure, let me check that. ');
 * stream.end();
 */
export function createElevenLabsTts(settings: ElevenLabsTtsSettings): ElevenLabsTtsModel {
  const connection = resolveSocketProviderConnection(
    settings,
    {
      provider: 'elevenlabs',
      vendorName: 'ElevenLabs',
      apiKeyVariable: 'ELEVENLABS_API_KEY',
      baseUrlVariable: 'ELEVENLABS_BASE_URL',
      defaultBaseUrl: 'wss://api.elevenlabs.io',
      authHeaders: (apiKey) => ({ 'xi-api-key': apiKey }),
    },
    { component: 'tts', displayName: 'ElevenLabs' },
  );
  assertElevenLabsVoiceId(settings.voiceId, 'voiceId');
  const modelId = settings.modelId ?? 'eleven_flash_v2_5';
  const voiceSettings =
    settings.voiceSettings === undefined
      ? undefined
      : parseSetting(elevenLabsVoiceSettingsSchema, settings.voiceSettings, 'voiceSettings');
  const schedule = parseSetting(
    chunkLengthScheduleSchema,
    settings.chunkLengthSchedule ?? defaultSchedule,
    'chunkLengthSchedule',
  );
  const prewarmIdleMs = settings.prewarmIdleMs ?? 15_000;
  if (!(prewarmIdleMs > 0 && prewarmIdleMs <= 170_000)) {
    throw new ConfigError('prewarmIdleMs', `must be between 1 and 170000 ms, got ${prewarmIdleMs}`);
  }
  const pool =
    settings.prewarm === true
      ? new ElevenLabsPrewarmPool(prewarmIdleMs, connection.logger)
      : undefined;

  function buildUrl(voiceId: string, language: string | undefined): string {
    const url = new URL(`${connection.baseUrl}/v1/text-to-speech/${voiceId}/stream-input`);
    url.searchParams.set('model_id', modelId);
    url.searchParams.set('output_format', 'ulaw_8000');
    if (language !== undefined && languageCodeModels.test(modelId))
      url.searchParams.set('language_code', language);
    // The server closes idle sockets after 20 s; a longer pre-warm idle time needs a longer timeout.
    if (pool !== undefined && prewarmIdleMs > 15_000) {
      url.searchParams.set(
        'inactivity_timeout',
        String(Math.min(180, Math.ceil(prewarmIdleMs / 1000) + 10)),
      );
    }
    return url.toString();
  }

  async function open(
    url: string,
    init: string,
    abortSignal: AbortSignal | undefined,
  ): Promise<OpenSocket> {
    const opened = await openConnectionSocket(connection, url, abortSignal);
    opened.socket.send(init);
    return opened;
  }

  return {
    specificationVersion: 'v1',
    provider: 'elevenlabs',
    modelId,
    // Alignment arrives from ElevenLabs, but the audio part has no field to carry it yet.
    capabilities: { streamingInput: true, alignment: false },
    outputFormat: MULAW_8K,
    async stream(options: TtsStreamOptions): Promise<TtsStreamV1> {
      const voiceId = options.voice ?? settings.voiceId;
      assertElevenLabsVoiceId(voiceId, 'voice');
      const overrides = parseElevenLabsTtsOptions(options.providerOptions);
      const url = buildUrl(voiceId, options.language);
      const init = buildInitMessage(
        overrides.voiceSettings ?? voiceSettings,
        overrides.chunkLengthSchedule ?? schedule,
      );
      const key = `${url}\n${init}`;
      const logger = socketStreamLogger(connection, options.logger);
      let socket = await pool?.take(key, logger);
      if (socket === undefined) socket = await open(url, init, options.abortSignal);
      else logger.debug('ElevenLabs stream uses the pre-warmed socket');
      pool?.warm(key, () => open(url, init, undefined));
      return createElevenLabsTtsStream(socket, { abortSignal: options.abortSignal, logger });
    },
    close(): void {
      pool?.close();
    },
  };
}
