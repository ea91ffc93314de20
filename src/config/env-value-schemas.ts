import { z } from 'zod';

/*
 * Zod schemas for single environment values. Each takes the trimmed text (empty strings were
 * already turned into "unset") and fails with a message that says what a good value looks like;
 * the variable name is prepended by the loader.
 */

type ValueSchema<T> = z.ZodType<T, string>;

/** Quotes a value for an error message, never showing more than a short prefix. */
export function quoteValue(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function fromParser<T>(
  parse: (text: string) => T | undefined,
  hint: (text: string) => string,
): ValueSchema<T> {
  return z.string().transform((text, context) => {
    const value = parse(text);
    if (value === undefined) {
      context.addIssue({ code: 'custom', message: hint(text) });
      return z.NEVER;
    }
    return value;
  });
}

/** A whole number in `[min, max]`. */
export function integerValue(options: {
  min: number;
  max?: number;
  example: string;
}): ValueSchema<number> {
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const range =
    options.max === undefined ? `of at least ${options.min}` : `from ${options.min} to ${max}`;
  return fromParser(
    (text) => {
      if (!/^\d+$/.test(text)) return undefined;
      const value = Number(text);
      return value >= options.min && value <= max ? value : undefined;
    },
    (text) => `must be a whole number ${range}, e.g. ${options.example} (got ${quoteValue(text)})`,
  );
}

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

/** true/false/1/0/yes/no, any case. */
export function booleanValue(): ValueSchema<boolean> {
  return fromParser(
    (text) => {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      return FALSE_WORDS.has(word) ? false : undefined;
    },
    (text) => `must be true or false (also accepted: 1/0, yes/no) (got ${quoteValue(text)})`,
  );
}

/** One of a fixed set of words, any case; the result is lower case. */
export function choiceValue<const T extends string>(choices: readonly T[]): ValueSchema<T> {
  return fromParser(
    (text) => choices.find((choice) => choice === text.toLowerCase()),
    (text) => `must be one of ${choices.join(', ')} (got ${quoteValue(text)})`,
  );
}

/** Text matching `pattern`; `hint` describes it. */
export function patternValue(pattern: RegExp, hint: string): ValueSchema<string> {
  return fromParser(
    (text) => (pattern.test(text) ? text : undefined),
    (text) => `${hint} (got ${quoteValue(text)})`,
  );
}

/** Any non-empty text, e.g. a secret; secrets are never echoed in messages. */
export function textValue(): ValueSchema<string> {
  return z.string();
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** A URL with one of `protocols` (e.g. `['http:', 'https:']`), returned without trailing slash. */
export function urlValue(protocols: readonly string[], example: string): ValueSchema<string> {
  const schemes = protocols.map((protocol) => `${protocol}//`).join(' or ');
  return fromParser(
    (text) => {
      const url = parseUrl(text);
      if (url === undefined || !protocols.includes(url.protocol)) return undefined;
      return text.replace(/\/+$/, '');
    },
    (text) => `must be a ${schemes} URL, e.g. ${example} (got ${quoteValue(text)})`,
  );
}

/** The public https base URL carriers call back on; no query or fragment; no trailing slash. */
export function publicUrlValue(): ValueSchema<string> {
  return fromParser(
    (text) => {
      const url = parseUrl(text);
      if (url === undefined || url.protocol !== 'https:' || url.search !== '' || url.hash !== '') {
        return undefined;
      }
      return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
    },
    (text) =>
      `must be an https:// URL Twilio can reach, e.g. https://voice.example.com (got ${text})`,
  );
}

/**
 * A SignalWire space: `example.signalwire.com`, or a full origin such as
 * `https://example.signalwire.com` (or `http://127.0.0.1:4010` for a local fake). Returns the origin.
 */
export function signalWireSpaceValue(): ValueSchema<string> {
  return fromParser(
    (text) => {
      const url = parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
      if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:'))
        return undefined;
      if (url.pathname !== '/' && url.pathname !== '/api/laml' && url.pathname !== '/api/laml/') {
        return undefined;
      }
      return url.origin;
    },
    (text) =>
      `must be your SignalWire space host, e.g. example.signalwire.com (got ${quoteValue(text)})`,
  );
}
