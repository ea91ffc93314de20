import { z } from 'zod';
import { ConfigError } from '../../errors/config-error.js';
import { parseProviderOptions } from '../shared/parse-with-schema.js';

/** Real ElevenLabs voice ids are 20 letters and digits, e.g. `21m00Tcm4TlvDq8ikWAM`. */
export function isElevenLabsVoiceId(value: string): boolean {
  return /^[A-Za-z0-9]{20}$/.test(value);
}

/** Throws a ConfigError naming `setting` unless `value` looks like an ElevenLabs voice id. */
export function assertElevenLabsVoiceId(value: string, setting: string): void {
  if (isElevenLabsVoiceId(value)) return;
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  throw new ConfigError(
    setting,
    `"${shown}" is not an ElevenLabs voice id; expected 20 letters and digits as shown in the voice library (e.g. 21m00Tcm4TlvDq8ikWAM)`,
  );
}

export const elevenLabsVoiceSettingsSchema = z
  .object({
    stability: z.number().min(0).max(1).optional(),
    similarityBoost: z.number().min(0).max(1).optional(),
    style: z.number().min(0).max(1).optional(),
    useSpeakerBoost: z.boolean().optional(),
    speed: z.number().min(0.7).max(1.2).optional(),
  })
  .strict();

export type ElevenLabsVoiceSettings = z.infer<typeof elevenLabsVoiceSettingsSchema>;

/** Characters ElevenLabs buffers before each generation; every value must be 50..500. */
export const chunkLengthScheduleSchema = z.array(z.number().int().min(50).max(500)).min(1).max(20);

/**
 * Per-stream options only ElevenLabs understands, passed as `providerOptions: { elevenlabs: { … } }`.
 * They change the init message, so such a stream only takes a pre-warmed socket opened with the
 * same options.
 */
export const elevenLabsTtsOptionsSchema = z
  .object({
    voiceSettings: elevenLabsVoiceSettingsSchema.optional(),
    chunkLengthSchedule: chunkLengthScheduleSchema.optional(),
  })
  .strict();

export type ElevenLabsTtsOptions = z.infer<typeof elevenLabsTtsOptionsSchema>;

export function parseElevenLabsTtsOptions(
  providerOptions: Readonly<Record<string, unknown>> | undefined,
): ElevenLabsTtsOptions {
  return parseProviderOptions(
    elevenLabsTtsOptionsSchema,
    providerOptions?.['elevenlabs'],
    'providerOptions.elevenlabs',
  );
}

/** The first message of every stream-input socket: one space, voice settings, chunk schedule. */
export function buildInitMessage(
  voiceSettings: ElevenLabsVoiceSettings | undefined,
  chunkLengthSchedule: readonly number[],
): string {
  const message: Record<string, unknown> = { text: ' ' };
  if (voiceSettings !== undefined) {
    message['voice_settings'] = {
      ...(voiceSettings.stability === undefined ? {} : { stability: voiceSettings.stability }),
      ...(voiceSettings.similarityBoost === undefined
        ? {}
        : { similarity_boost: voiceSettings.similarityBoost }),
      ...(voiceSettings.style === undefined ? {} : { style: voiceSettings.style }),
      ...(voiceSettings.useSpeakerBoost === undefined
        ? {}
        : { use_speaker_boost: voiceSettings.useSpeakerBoost }),
      ...(voiceSettings.speed === undefined ? {} : { speed: voiceSettings.speed }),
    };
  }
  message['generation_config'] = { chunk_length_schedule: [...chunkLengthSchedule] };
  return JSON.stringify(message);
}
