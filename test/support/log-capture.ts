import { createLogger, type Logger } from '../../src/logging/logger.js';

/** One JSON log line as pino wrote it, with the raw text kept for substring checks. */
export interface CapturedLine {
  readonly raw: string;
  readonly record: Record<string, unknown>;
}

export interface LogCapture {
  readonly logger: Logger;
  readonly lines: CapturedLine[];
  /** Lines whose `msg` is exactly `message`. */
  withMessage(message: string): CapturedLine[];
}

/** A real pino logger whose lines are kept in memory (pino writes one JSON line per call). */
export function captureLogs(options: { level: string; redactPii?: boolean }): LogCapture {
  const lines: CapturedLine[] = [];
  const logger = createLogger({
    level: options.level,
    redactPii: options.redactPii ?? false,
    destination: {
      write(text: string) {
        for (const raw of text.split('\n')) {
          if (raw.trim() === '') continue;
          lines.push({ raw, record: JSON.parse(raw) as Record<string, unknown> });
        }
      },
    },
  });
  return {
    logger,
    lines,
    withMessage: (message) => lines.filter((line) => line.record.msg === message),
  };
}

/** The keys of a JSON object's top level, in order, duplicates kept (JSON.parse would drop them). */
export function topLevelKeys(json: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let index = 0;
  while (index < json.length) {
    const character = json[index];
    if (character === '"') {
      const end = endOfString(json, index);
      if (depth === 1 && /^\s*:/.test(json.slice(end + 1)))
        keys.push(JSON.parse(json.slice(index, end + 1)) as string);
      index = end + 1;
      continue;
    }
    if (character === '{' || character === '[') depth++;
    else if (character === '}' || character === ']') depth--;
    index++;
  }
  return keys;
}

/** Index of the closing quote of the JSON string that opens at `start`. */
function endOfString(json: string, start: number): number {
  let index = start + 1;
  while (index < json.length && json[index] !== '"') index += json[index] === '\\' ? 2 : 1;
  return index;
}
