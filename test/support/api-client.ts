/** A JSON reply of the REST API: status and parsed body (undefined when empty). */
export interface ApiReply<T> {
  readonly status: number;
  readonly body: T;
}

/** Calls the REST API as a user's script would: a bearer key, JSON in and out. */
export type ApiCall = <T>(method: string, path: string, body?: unknown) => Promise<ApiReply<T>>;

/** An API caller for the server at `baseUrl()` with the key `apiKey()` (both read per call). */
export function createApiClient(baseUrl: () => string, apiKey: () => string): ApiCall {
  return async <T>(method: string, path: string, body?: unknown): Promise<ApiReply<T>> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey()}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  };
}
