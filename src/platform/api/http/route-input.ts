import type { Context } from 'hono';
import type { z } from 'zod';
import {
  invalidJson,
  unsupportedMediaType,
  validationFailed,
  type ProblemFieldError,
} from './api-problem.js';
import { toFieldErrors } from './problem-response.js';
import type { ApiRoute } from './route-definition.js';

/** Validated `params`, `query` and `body` of one request. */
export interface RouteInputValues {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}

/** Wrappers that do not change whether a value is a list. */
const transparentTypes = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'catch',
  'readonly',
  'nonoptional',
]);

/** Whether a query property wants every value of a repeated key (`?tag=a&tag=b`) or just one. */
function isListSchema(schema: z.core.$ZodType): boolean {
  const definition = schema._zod.def;
  if (definition.type === 'array' || definition.type === 'tuple' || definition.type === 'set')
    return true;
  if (transparentTypes.has(definition.type) && 'innerType' in definition) {
    return isListSchema(definition.innerType as z.core.$ZodType);
  }
  if (definition.type === 'pipe' && 'in' in definition && 'out' in definition) {
    return (
      isListSchema(definition.in as z.core.$ZodType) ||
      isListSchema(definition.out as z.core.$ZodType)
    );
  }
  return false;
}

function readQuery(context: Context, schema: z.ZodObject): Record<string, unknown> {
  const raw = context.req.queries();
  const values: Record<string, unknown> = {};
  for (const [key, list] of Object.entries(raw)) {
    const property = schema.shape[key];
    values[key] = property !== undefined && isListSchema(property) ? list : list[0];
  }
  return values;
}

async function readBody(context: Context): Promise<unknown> {
  const text = await context.req.text();
  if (text.trim() === '') return undefined;
  const contentType = context.req.header('content-type') ?? '';
  if (contentType !== '' && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType))
    throw unsupportedMediaType();
  try {
    return JSON.parse(text) as unknown;
  } catch (_error) {
    throw invalidJson();
  }
}

/**
 * Reads and validates a request against the route's schemas. Every failing field of params,
 * query and body is reported in one 422 `validation_failed`; a body that is not JSON is a 400.
 */
export async function readRouteInput(
  context: Context,
  route: Pick<ApiRoute, 'params' | 'query' | 'body'>,
): Promise<RouteInputValues> {
  const errors: ProblemFieldError[] = [];
  const check = async (
    schema: z.ZodType | undefined,
    value: unknown,
    prefix: string,
  ): Promise<unknown> => {
    if (schema === undefined) return {};
    const result = await schema.safeParseAsync(value);
    if (result.success) return result.data;
    errors.push(...toFieldErrors(result.error.issues, prefix));
    return undefined;
  };
  const params = await check(route.params, context.req.param(), 'params');
  const query = await check(
    route.query,
    route.query === undefined ? {} : readQuery(context, route.query),
    'query',
  );
  const body =
    route.body === undefined ? undefined : await check(route.body, await readBody(context), 'body');
  if (errors.length > 0) throw validationFailed(errors);
  return { params, query, body };
}
