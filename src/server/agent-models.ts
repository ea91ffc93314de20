import type { AgentDefinition } from '../agents/agent-definition.js';
import type { ProvidersConfig } from '../config/app-config.js';
import type { Logger } from '../logging/logger.js';
import { createDeepgramStt, createDeepgramTts } from '../providers/deepgram/index.js';
import { createElevenLabsTts } from '../providers/elevenlabs/index.js';
import { createFliteTts } from '../providers/local/flite/index.js';
import type { FliteVoice } from '../providers/local/flite/synthesize-with-flite.js';
import { createOpenAiLlm, createOpenAiStt, createOpenAiTts } from '../providers/openai/index.js';
import type { LlmModelV1 } from '../providers/spec/llm-model-v1.js';
import type { SttModelV1 } from '../providers/spec/stt-model-v1.js';
import type { TtsModelV1 } from '../providers/spec/tts-model-v1.js';

/** The three models an agent talks through, built once and shared by all its calls. */
export interface AgentModels {
  readonly stt: SttModelV1;
  readonly llm: LlmModelV1;
  readonly tts: TtsModelV1;
  /** Provider options as the engine passes them on (`{ deepgram: {...} }`). */
  readonly sttProviderOptions: Readonly<Record<string, unknown>>;
  readonly llmProviderOptions: Readonly<Record<string, unknown>>;
  readonly ttsProviderOptions: Readonly<Record<string, unknown>>;
}

/**
 * Builds an agent's models from its definition and the installation's credentials. Runs at
 * start-up, so a missing key or a malformed voice id stops the server with a message naming the
 * setting instead of failing on the first call.
 */
export function createAgentModels(
  agent: AgentDefinition,
  providers: ProvidersConfig,
  logger: Logger,
): AgentModels {
  const stt: SttModelV1 =
    agent.stt.provider === 'deepgram'
      ? createDeepgramStt({
          ...providers.deepgram,
          ...optional('model', agent.stt.model),
          language: agent.language,
          logger,
        })
      : createOpenAiStt({
          ...providers.openai,
          ...optional('model', agent.stt.model),
          language: agent.language,
          logger,
        });
  const llm = createOpenAiLlm({ ...providers.openai, model: agent.llm.model, logger });
  const tts = createTts(agent, providers, logger);
  return {
    stt,
    llm,
    tts,
    sttProviderOptions: { [agent.stt.provider]: agent.stt.options },
    llmProviderOptions: { [agent.llm.provider]: agent.llm.options },
    ttsProviderOptions: { [agent.tts.provider]: agent.tts.options },
  };
}

/**
 * The agent's voice alone, with the options the engine passes it: what a voice preview needs,
 * without requiring the speech-recognition and language-model keys.
 */
export function createAgentTts(
  agent: AgentDefinition,
  providers: ProvidersConfig,
  logger: Logger,
): { tts: TtsModelV1; providerOptions: Readonly<Record<string, unknown>> } {
  return {
    tts: createTts(agent, providers, logger),
    providerOptions: { [agent.tts.provider]: agent.tts.options },
  };
}

function createTts(agent: AgentDefinition, providers: ProvidersConfig, logger: Logger): TtsModelV1 {
  const settings = agent.tts;
  switch (settings.provider) {
    case 'elevenlabs':
      return createElevenLabsTts({
        ...providers.elevenlabs,
        voiceId: settings.voice ?? '',
        ...optional('modelId', settings.model),
        prewarm: true,
        logger,
      });
    case 'deepgram':
      return createDeepgramTts({
        ...providers.deepgram,
        ...optional('model', settings.voice ?? settings.model),
        logger,
      });
    case 'openai':
      return createOpenAiTts({
        ...providers.openai,
        ...optional('model', settings.model),
        ...optional('voice', settings.voice),
        logger,
      });
    case 'flite':
      return createFliteTts({
        ...optional('voice', settings.voice as FliteVoice | undefined),
        logger,
      });
  }
}

/** `{ [key]: value }` when the value is set, so provider defaults apply otherwise. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
