import { SwitchboardError } from '../../../errors/index.js';

/**
 * Readers for a model's tool arguments. A wrong argument throws a ToolArgumentError whose message
 * names the argument and what it should be, so the model can correct itself on the next turn.
 */

/** A tool argument the model got wrong. */
export class ToolArgumentError extends SwitchboardError {
  constructor(message: string) {
    super(message, { code: 'invalid_tool_arguments' });
    this.name = 'ToolArgumentError';
  }
}

type Arguments = Readonly<Record<string, unknown>>;

/** A non-empty string (trimmed), or undefined when absent, null or blank. */
export function optionalString(args: Arguments, name: string, maxLength = 500): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ToolArgumentError(`${name} must be a string.`);
  const trimmed = value.trim();
  if (trimmed.length > maxLength)
    throw new ToolArgumentError(`${name} must be at most ${maxLength} characters.`);
  return trimmed === '' ? undefined : trimmed;
}

/** A non-empty string (trimmed). */
export function requiredString(args: Arguments, name: string, maxLength = 500): string {
  const value = optionalString(args, name, maxLength);
  if (value === undefined) throw new ToolArgumentError(`${name} is required.`);
  return value;
}

/** A whole number within [minimum, maximum], or `fallback` when absent. */
export function optionalInteger(
  args: Arguments,
  name: string,
  range: { readonly minimum: number; readonly maximum: number },
  fallback: number,
): number {
  const raw = args[name];
  if (raw === undefined || raw === null) return fallback;
  // Models sometimes send numbers as strings ("60"); accept those, nothing looser.
  const value = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < range.minimum ||
    value > range.maximum
  ) {
    throw new ToolArgumentError(
      `${name} must be a whole number from ${range.minimum} to ${range.maximum}.`,
    );
  }
  return value;
}
