import { z } from 'zod';

/*
 * Zod's stock messages ("Invalid input: expected string, received undefined") say what went
 * wrong but not what to do. This map rewrites them for people editing a YAML file; schema-level
 * messages (patterns, cross-checks) take precedence over it.
 */

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of settings',
  record: 'a mapping of names to values',
};

/** Plain Levenshtein distance, for "did you mean" on misspelt keys. */
function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution =
        (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(
        Math.min((previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1, substitution),
      );
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function unknownKeysMessage(keys: readonly string[], owner: unknown): string {
  const allowed = owner instanceof z.ZodObject ? Object.keys(owner.shape) : [];
  const parts = keys.map((key) => {
    const suggestion = closestKey(key, allowed);
    return suggestion === undefined ? `"${key}"` : `"${key}" (did you mean "${suggestion}"?)`;
  });
  const allowedText = allowed.length > 0 ? `; allowed here: ${allowed.join(', ')}` : '';
  return `unknown setting ${parts.join(', ')}: remove it or fix the spelling${allowedText}`;
}

function boundMessage(
  origin: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
  side: 'min' | 'max',
): string {
  if (origin === 'string')
    return side === 'min' && bound === 1
      ? 'must not be empty'
      : `must be at ${side === 'min' ? 'least' : 'most'} ${bound} characters`;
  if (origin === 'array')
    return `must list at ${side === 'min' ? 'least' : 'most'} ${bound} item${bound === 1 ? '' : 's'}`;
  const comparison =
    side === 'min'
      ? inclusive === false
        ? 'greater than'
        : 'at least'
      : inclusive === false
        ? 'less than'
        : 'at most';
  return `must be ${comparison} ${bound}`;
}

/** Per-parse error map for the provisioning schema. */
export const provisioningErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `is missing: add it (${expected})`;
      return `must be ${expected} (got ${describeValue(issue.input)})`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')} (got ${describeValue(issue.input)})`;
    case 'unrecognized_keys':
      return unknownKeysMessage(issue.keys, issue.inst);
    case 'too_small':
      return boundMessage(issue.origin, issue.minimum, issue.inclusive, 'min');
    case 'too_big':
      return boundMessage(issue.origin, issue.maximum, issue.inclusive, 'max');
    case 'invalid_union':
      return `has an unexpected form (got ${describeValue(issue.input)})`;
    default:
      return undefined;
  }
};
