import { formatMilliseconds } from '../format/duration.js';

/** A tool call as both the call record and the live stream describe it. */
export interface ToolCallView {
  readonly name: string;
  /** JSON (or text) the model sent. */
  readonly arguments: unknown;
  /** null while it runs (live) or when it failed. */
  readonly result: string | null;
  readonly error: string | null;
  readonly durationMs: number | null;
  /** Live only: no result yet. */
  readonly running?: boolean;
}

/** Pretty-prints JSON text or a JSON value; other text is shown as it is. */
function pretty(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** A tool call, collapsed to its name and outcome; opens to its arguments and result or error. */
export function ToolCallDetails(props: { call: ToolCallView }) {
  const { call } = props;
  const outcome = call.running === true ? 'running…' : call.error !== null ? 'failed' : 'done';
  return (
    <details class={call.error !== null ? 'tool-call failed' : 'tool-call'} data-testid="tool-call">
      <summary>
        <span class="tool-label">Tool</span> <code>{call.name}</code>{' '}
        <span
          class={
            call.error !== null
              ? 'badge danger'
              : call.running === true
                ? 'badge accent'
                : 'badge ok'
          }
        >
          {outcome}
        </span>
        {call.durationMs !== null && (
          <span class="muted"> {formatMilliseconds(call.durationMs)}</span>
        )}
      </summary>
      <div class="tool-body">
        <div>
          <strong>Arguments</strong>
          <pre>{pretty(call.arguments)}</pre>
        </div>
        {call.error !== null && (
          <div>
            <strong>Error</strong>
            <pre>{call.error}</pre>
          </div>
        )}
        {call.result !== null && call.result !== '' && (
          <div>
            <strong>Result</strong>
            <pre>{pretty(call.result)}</pre>
          </div>
        )}
      </div>
    </details>
  );
}
