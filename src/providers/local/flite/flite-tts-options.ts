import { z } from 'zod';
import { ConfigError } from '../../../errors/config-error.js';
import type { Logger } from '../../../logging/logger.js';
import { FLITE_VOICES, type FliteVoice } from './synthesize-with-flite.js';

/** The settings of `createFliteTts` that can be checked as data. */
export const fliteTtsOptionsSchema = z.object({
  /** Default voice; a stream's `voice` option overrides it. */
  voice: z.enum(FLITE_VOICES).default('rms'),
});

export interface FliteTtsOptions {
  readonly voice?: FliteVoice;
  readonly logger?: Logger;
}

/** Validates the data part of the options; throws a `ConfigError` naming the setting. */
export function parseFliteTtsOptions(
  options: FliteTtsOptions,
): z.output<typeof fliteTtsOptionsSchema> {
  const result = fliteTtsOptionsSchema.safeParse({ voice: options.voice });
  if (result.success) return result.data;
  throw new ConfigError('flite.voice', `unknown voice; use one of ${FLITE_VOICES.join(', ')}`);
}
