import type { ToolCallRequest } from '../providers/spec/llm-model-v1.js';
import type { Clock, TimerHandle } from './clock.js';
import type { ToolContext, ToolV1 } from './tool.js';

export interface ToolOutcome {
  readonly call: ToolCallRequest;
  readonly tool: ToolV1 | undefined;
  /** The value returned by the tool, when it succeeded. */
  readonly result?: unknown;
  /** Why it failed; the model sees this as a tool error. */
  readonly error?: string;
  /** What goes back to the model as the tool message. */
  readonly content: string;
  readonly durationMs: number;
}

/** Parses the model's raw argument text; models sometimes send "" for no arguments. */
export function parseToolArguments(raw: string): Record<string, unknown> {
  if (raw.trim().length === 0) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('tool arguments must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/**
 * Runs one tool call with a timeout. Never throws: unknown tools, bad arguments, failures and
 * timeouts all become an error outcome that the model is told about.
 */
export async function runTool(
  call: ToolCallRequest,
  tool: ToolV1 | undefined,
  context: Omit<ToolContext, 'abortSignal'> & { readonly abortSignal: AbortSignal },
  defaultTimeoutMs: number,
  clock: Clock,
): Promise<ToolOutcome> {
  const now = (): number => clock.now();
  const started = now();
  const fail = (error: string): ToolOutcome => ({
    call,
    tool,
    error,
    content: JSON.stringify({ error }),
    durationMs: now() - started,
  });
  if (tool === undefined) return fail(`unknown tool "${call.name}"`);
  let args: Record<string, unknown>;
  try {
    args = parseToolArguments(call.arguments);
  } catch (error) {
    return fail(`invalid arguments: ${error instanceof Error ? error.message : String(error)}`);
  }
  const timeoutMs = tool.timeoutMs ?? defaultTimeoutMs;
  const timeout = new AbortController();
  const signal = AbortSignal.any([context.abortSignal, timeout.signal]);
  let timer: TimerHandle | undefined;
  try {
    const result = await Promise.race([
      tool.execute(args, { ...context, abortSignal: signal }),
      new Promise<never>((_, reject) => {
        timer = clock.setTimeout(() => {
          timeout.abort();
          reject(new Error(`timed out after ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    ]);
    return {
      call,
      tool,
      result,
      content: result === undefined ? '{"ok":true}' : JSON.stringify(result),
      durationMs: now() - started,
    };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  } finally {
    clock.clearTimeout(timer);
  }
}
