import type { Logger } from '../logging/logger.js';
import type { LlmModelV1 } from '../providers/spec/llm-model-v1.js';
import type { SttModelV1 } from '../providers/spec/stt-model-v1.js';
import type { TtsModelV1 } from '../providers/spec/tts-model-v1.js';
import type { VadModelV1 } from '../providers/spec/vad-model-v1.js';
import type { CallLegV1 } from './call-leg.js';
import type { CallEventListener } from './call-events.js';
import type { Clock } from './clock.js';
import type { PlayoutTicker } from './playout-ticker.js';
import type { SilenceSettings, TurnTakingSettings } from './session-options.js';
import type { ToolV1 } from './tool.js';

/** Raw audio of both sides, for recordings. Called on the audio path: must be cheap. */
export interface AudioTap {
  /** Caller audio as it arrived, in the leg's inbound format. */
  onCallerAudio(audio: Uint8Array): void;
  /** Agent audio as it is sent, in the leg's outbound format. */
  onAgentAudio(audio: Uint8Array): void;
}

/** Everything one call's voice session needs. The wiring layer builds it from an agent. */
export interface VoiceSessionOptions {
  readonly callId: string;
  readonly leg: CallLegV1;
  readonly direction: 'inbound' | 'outbound';
  readonly from: string;
  readonly to: string;
  readonly agentName: string;
  /** System prompt, variables already filled in. */
  readonly instructions: string;
  /** Said when the call connects; empty or absent: wait for the caller to speak first. */
  readonly firstMessage?: string;
  readonly language?: string;
  readonly stt: SttModelV1;
  readonly llm: LlmModelV1;
  readonly tts: TtsModelV1;
  readonly vad: VadModelV1;
  readonly sttProviderOptions?: Readonly<Record<string, unknown>>;
  readonly llmSettings?: {
    readonly temperature?: number;
    readonly maxTokens?: number;
    readonly providerOptions?: Readonly<Record<string, unknown>>;
  };
  readonly voice?: string;
  readonly ttsProviderOptions?: Readonly<Record<string, unknown>>;
  readonly tools: readonly ToolV1[];
  /** Timeout for tools that set none. Default 10 s. */
  readonly toolTimeoutMs?: number;
  readonly turnTaking: TurnTakingSettings;
  readonly silence: SilenceSettings;
  /** The call is ended after this long. 0 disables. */
  readonly maxDurationMs: number;
  readonly variables?: Readonly<Record<string, string>>;
  readonly onEvent: CallEventListener;
  readonly ticker: PlayoutTicker;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly audioTap?: AudioTap;
  /** Said before hanging up when the maximum duration is reached. */
  readonly maxDurationMessage?: string;
  /** Said when the LLM fails and nothing else can be said. */
  readonly errorMessage?: string;
}
