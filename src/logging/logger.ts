import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly level?: string;
  /**
   * When true, everything under a `pii` key (phone numbers, transcript text, tool arguments,
   * prompts) is replaced by `[redacted]`. One switch, applied to every line.
   */
  readonly redactPii?: boolean;
  /** Where lines go; stdout by default. Tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
}

/**
 * The process logger. Messages are fixed text; variable data goes in attributes, so lines can be
 * searched. Child loggers carry `callId` so every line of a call names it.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      redact: options.redactPii
        ? { paths: ['pii', '*.pii', '*.*.pii'], censor: '[redacted]' }
        : undefined,
    },
    options.destination,
  );
}

/** A logger that drops everything, for library callers that pass none. */
export const silentLogger: Logger = pino({ level: 'silent' });
