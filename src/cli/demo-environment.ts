import { MULAW_8K } from '../audio/audio-frame.js';
import { convertPcmClip } from '../audio/audio-converter.js';
import { synthesizeWithFlite } from '../providers/local/flite/synthesize-with-flite.js';
import { startFakeDeepgram, type FakeDeepgram } from '../testing/fake-deepgram/index.js';
import { startFakeElevenLabs, type FakeElevenLabs } from '../testing/fake-elevenlabs/index.js';
import { demoPolicy, startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai/index.js';
import { startFakeTwilioRest, type FakeTwilioRest } from '../testing/fake-twilio/index.js';
import { DEMO_SCRIPT } from '../testing/simulated-caller/caller-script.js';

/** Credentials of the demo Twilio account: the fake REST API and the simulated caller use them. */
export const DEMO_ACCOUNT_SID = 'AC00000000000000000000000000000000';
export const DEMO_AUTH_TOKEN = 'demo-auth-token';
export const DEMO_PUBLIC_URL = 'https://switchboard.example';
export const DEMO_NUMBER = '+15550100000';

export interface DemoEnvironmentOptions {
  /** Lines the fake speech-to-text "hears", in order, on every call. */
  readonly script?: readonly string[];
  /** Speak the agent with Flite (a real voice) instead of the cheap synthetic one. */
  readonly realVoice?: boolean;
  /** Latencies of the fake providers, in ms. */
  readonly llmFirstTokenMs?: number;
  readonly llmTokenIntervalMs?: number;
  readonly sttLatencyMs?: number;
  readonly ttsFirstByteMs?: number;
}

export interface DemoEnvironment {
  /** Environment variables that point Switchboard at the fakes. */
  readonly env: Record<string, string>;
  readonly openai: FakeOpenAi;
  readonly deepgram: FakeDeepgram;
  readonly elevenlabs: FakeElevenLabs;
  /** The fake Twilio REST API: its recorded requests show hang-ups and transfers. */
  readonly twilio: FakeTwilioRest;
  close(): Promise<void>;
}

/** Agent speech with Flite, as μ-law 8 kHz (what ElevenLabs' `ulaw_8000` returns). */
export async function fliteMulaw8k(text: string): Promise<Uint8Array> {
  const { samples, sampleRate } = await synthesizeWithFlite(text, { voice: 'slt' });
  return convertPcmClip(samples, sampleRate, MULAW_8K);
}

/**
 * Starts local fakes of every paid service (OpenAI, Deepgram, ElevenLabs, Twilio's REST API) and
 * returns the environment that points Switchboard at them: the whole loop runs with no keys.
 */
export async function startDemoEnvironment(
  options: DemoEnvironmentOptions = {},
): Promise<DemoEnvironment> {
  const script = options.script ?? DEMO_SCRIPT.flatMap((step) => ('say' in step ? [step.say] : []));
  const [openai, deepgram, elevenlabs, twilio] = await Promise.all([
    startFakeOpenAi({
      policy: demoPolicy,
      firstTokenDelayMs: options.llmFirstTokenMs ?? 250,
      tokenIntervalMs: options.llmTokenIntervalMs ?? 20,
    }),
    startFakeDeepgram({ script, resultLatencyMs: options.sttLatencyMs ?? 50 }),
    startFakeElevenLabs({
      firstByteDelayMs: options.ttsFirstByteMs ?? 150,
      ...(options.realVoice === true ? { synthesize: fliteMulaw8k } : {}),
    }),
    startFakeTwilioRest({ accountSid: DEMO_ACCOUNT_SID, authToken: DEMO_AUTH_TOKEN }),
  ]);
  return {
    env: {
      OPENAI_API_KEY: 'demo',
      OPENAI_BASE_URL: openai.url,
      DEEPGRAM_API_KEY: 'demo',
      DEEPGRAM_BASE_URL: deepgram.url,
      ELEVENLABS_API_KEY: 'demo',
      ELEVENLABS_BASE_URL: elevenlabs.url,
      TWILIO_ACCOUNT_SID: DEMO_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: DEMO_AUTH_TOKEN,
      TWILIO_API_BASE_URL: twilio.url,
      PUBLIC_URL: DEMO_PUBLIC_URL,
    },
    openai,
    deepgram,
    elevenlabs,
    twilio,
    close: async () => {
      await Promise.all([openai.close(), deepgram.close(), elevenlabs.close(), twilio.close()]);
    },
  };
}
