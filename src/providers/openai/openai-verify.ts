import { extractErrorMessage } from './openai-error.js';
import type { OpenAiLlmSettings } from './openai-llm-model.js';
import { buildOpenAiHeaders, resolveOpenAiConnection } from './openai-settings.js';

/** Outcome of a connectivity check, ready to print. */
export interface OpenAiVerifyResult {
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * Cheap check for `switchboard doctor`: `GET {baseUrl}/models` with the configured key. `ok` means
 * the server answered and accepted the key; `detail` also says whether the model is listed
 * (proxies and some servers list only part of what they serve, so an unlisted model is a warning,
 * not a failure). Never throws.
 */
export async function verifyOpenAiLlm(
  settings: OpenAiLlmSettings & { readonly timeoutMs?: number },
): Promise<OpenAiVerifyResult> {
  let url = '(unresolved)';
  try {
    const connection = resolveOpenAiConnection(settings);
    url = `${connection.baseUrl}/models`;
    const response = await connection.fetch(url, {
      headers: buildOpenAiHeaders(connection, { accept: 'application/json' }),
      signal: AbortSignal.timeout(settings.timeoutMs ?? 5000),
    });
    const bodyText = await response.text();
    if (!response.ok) {
      const reason = extractErrorMessage(bodyText) ?? response.statusText;
      const hint =
        response.status === 401 || response.status === 403
          ? ' (check apiKey / OPENAI_API_KEY)'
          : '';
      return { ok: false, detail: `${url} answered HTTP ${response.status}: ${reason}${hint}` };
    }
    const modelIds = listedModelIds(bodyText);
    if (modelIds === undefined)
      return { ok: true, detail: `${url} answered, but not with a model list` };
    const listed = modelIds.includes(settings.model);
    return {
      ok: true,
      detail: `${url} answered with ${modelIds.length} models; ${settings.model} is ${listed ? 'listed' : 'NOT listed (check the model id)'}`,
    };
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.name === 'TimeoutError'
          ? 'timed out'
          : error.message
        : String(error);
    return { ok: false, detail: `${url}: ${reason}` };
  }
}

function listedModelIds(bodyText: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const data = (parsed as Record<string, unknown>).data;
    if (!Array.isArray(data)) return undefined;
    return data.flatMap((entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as Record<string, unknown>).id === 'string'
        ? [(entry as Record<string, unknown>).id as string]
        : [],
    );
  } catch {
    return undefined;
  }
}
