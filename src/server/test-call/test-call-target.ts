import type { BrowserCallMode } from '../../telephony/browser/index.js';

/** What a test-call upgrade asks for. `mode` is undefined when the query names an unknown one. */
export interface TestCallTarget {
  readonly agentId: string;
  readonly mode: BrowserCallMode | undefined;
}

const TEST_CALL_PATH =
  /^\/v1\/agents\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/test-call$/i;

/**
 * Reads `/v1/agents/{agentId}/test-call[?mode=text]` from a request target; undefined for any
 * other path (the request is not ours). Only the path decides: a bad mode is still ours, so the
 * browser is told why.
 */
export function parseTestCallTarget(requestUrl: string | undefined): TestCallTarget | undefined {
  if (requestUrl === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(requestUrl, 'http://localhost');
  } catch {
    return undefined;
  }
  const agentId = TEST_CALL_PATH.exec(url.pathname)?.[1];
  if (agentId === undefined) return undefined;
  const mode = url.searchParams.get('mode') ?? 'audio';
  return {
    agentId: agentId.toLowerCase(),
    mode: mode === 'audio' || mode === 'text' ? mode : undefined,
  };
}
