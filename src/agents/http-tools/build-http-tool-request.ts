import type { HttpToolDefinition } from './http-tool-definition.js';
import { HTTP_TOOL_HEADERS, signHttpToolRequest } from './http-tool-signature.js';
import { fillHttpToolHeader, fillHttpToolUrl } from './fill-http-tool-template.js';

/** A request ready to send: URL with any query filled in, headers (signed) and body text. */
export interface HttpToolRequest {
  readonly url: URL;
  readonly method: HttpToolDefinition['method'];
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the request is built from besides the definition. */
export interface HttpToolRequestInput {
  readonly args: Readonly<Record<string, unknown>>;
  readonly variables: Readonly<Record<string, string>>;
  readonly organizationId: string;
  readonly callId: string;
  readonly signingSecret: string;
  /** Unix seconds. */
  readonly timestamp: number;
}

function queryValues(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(queryValues);
  if (typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

/**
 * Builds the signed request for one tool call. GET and DELETE put the arguments in the query
 * string (arrays repeat the key, objects go as JSON) and sign an empty body; the other methods
 * send the arguments as a JSON object and sign that exact text.
 */
export function buildHttpToolRequest(
  definition: HttpToolDefinition,
  input: HttpToolRequestInput,
): HttpToolRequest {
  const url = fillHttpToolUrl(definition.url, input.variables);
  const carriesQuery = definition.method === 'GET' || definition.method === 'DELETE';
  if (carriesQuery) {
    for (const [key, value] of Object.entries(input.args)) {
      for (const text of queryValues(value)) url.searchParams.append(key, text);
    }
  }
  const body = carriesQuery ? '' : JSON.stringify({ ...input.args });
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(definition.headers ?? {})) {
    headers[name] = fillHttpToolHeader(template, input.variables);
  }
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'accept')) {
    headers.Accept = 'application/json, text/plain;q=0.9, */*;q=0.5';
  }
  Object.assign(headers, {
    'User-Agent': 'Switchboard',
    [HTTP_TOOL_HEADERS.organization]: input.organizationId,
    [HTTP_TOOL_HEADERS.callId]: input.callId,
    [HTTP_TOOL_HEADERS.timestamp]: String(input.timestamp),
    [HTTP_TOOL_HEADERS.signature]: signHttpToolRequest({
      secret: input.signingSecret,
      timestamp: input.timestamp,
      body,
    }),
  });
  if (!carriesQuery) headers['Content-Type'] = 'application/json';
  return { url, method: definition.method, headers, body };
}
