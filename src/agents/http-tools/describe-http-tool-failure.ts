import { SwitchboardError } from '../../errors/switchboard-error.js';

/**
 * The error the model is told about. The abort signals are checked first: Node reports an abort
 * as a generic AbortError, and the model should hear whether the API was slow or the call ended.
 * Network errors are named by their code only, never with request details.
 */
export function describeHttpToolFailure(
  error: unknown,
  timeout: AbortSignal,
  call: AbortSignal,
  timeoutMs: number,
): SwitchboardError {
  if (SwitchboardError.isInstance(error) && !timeout.aborted && !call.aborted) return error;
  if (timeout.aborted) {
    return new SwitchboardError(`the API did not answer within ${timeoutMs} ms`, {
      code: 'http_tool_timeout',
      retryable: true,
    });
  }
  if (call.aborted) {
    return new SwitchboardError('the request was aborted because the call ended', {
      code: 'http_tool_aborted',
    });
  }
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String(error.code)
      : 'network error';
  return new SwitchboardError(`the request to the API failed (${code})`, {
    code: 'http_tool_network',
    retryable: true,
    cause: error,
  });
}
