import { SwitchboardError } from '../../../errors/index.js';
import type { ErasedRouteResult, RouteResponses } from './route-definition.js';

const jsonContentType = /^application\/([\w.+-]+\+)?json\b/i;
/** Statuses that must not carry a body. */
const bodylessStatuses = new Set([204, 205, 304]);

/**
 * Turns a handler result into a `Response`. A body is checked against the declared schema for
 * its status and re-encoded from the schema's output, so fields the schema does not list (a key
 * hash, an internal flag) never leave the server. Mismatches are our bug: they throw, and the
 * caller renders a 500.
 */
export async function toRouteResponse(
  result: ErasedRouteResult,
  responses: RouteResponses,
  where: string,
): Promise<Response> {
  if (result instanceof Response) return result;
  const declared = responses[result.status];
  if (declared === undefined) {
    throw new SwitchboardError(
      `${where}: handler returned status ${result.status}, which the route does not declare`,
      {
        code: 'undeclared_status',
      },
    );
  }
  const headers = new Headers(result.headers);
  let body: unknown = result.body;
  if (declared.schema !== undefined) {
    const parsed = await declared.schema.safeParseAsync(body);
    if (!parsed.success) {
      throw new SwitchboardError(`${where}: response ${result.status} does not match its schema`, {
        code: 'response_schema_mismatch',
        cause: parsed.error,
      });
    }
    body = parsed.data;
  }
  if (body === undefined || bodylessStatuses.has(result.status))
    return new Response(null, { status: result.status, headers });
  const contentType = declared.contentType ?? 'application/json';
  if (!headers.has('content-type')) headers.set('content-type', contentType);
  if (jsonContentType.test(contentType))
    return new Response(JSON.stringify(body), { status: result.status, headers });
  if (typeof body === 'string' || body instanceof Uint8Array)
    return new Response(body, { status: result.status, headers });
  throw new SwitchboardError(`${where}: a ${contentType} body must be a string or bytes`, {
    code: 'unserialisable_body',
  });
}

/** Copies a response with extra headers (a handler's `Response` may have immutable headers). */
export function withHeaders(response: Response, extra: Readonly<Record<string, string>>): Response {
  const entries = Object.entries(extra);
  if (entries.length === 0) return response;
  const copy = new Response(response.body, response);
  for (const [name, value] of entries) copy.headers.set(name, value);
  return copy;
}
