import type { Context } from 'hono';
import type { z } from 'zod';
import { ConfigError } from '../../../errors/index.js';

/** HTTP methods an API route may use. */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** `api-key`: `Authorization: Bearer sk_...` is required. `none`: public. */
export type RouteAuth = 'api-key' | 'none';
/** What a key may do; each scope includes the ones below it (admin ⊇ write ⊇ read). */
export type ApiScope = 'read' | 'write' | 'admin';

/** The least an authenticated caller carries; `authenticate` may return more. */
export interface ApiPrincipal {
  /** Identifies the API key; rate limits are counted per key. */
  readonly keyId: string;
  readonly scopes: readonly ApiScope[];
}

/** One documented response. `schema` validates (and strips) what the handler returns. */
export interface RouteResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Defaults to `application/json`. */
  readonly contentType?: string;
}

/** Responses by status code. */
export type RouteResponses = Readonly<Record<number, RouteResponse>>;

type Output<T> = T extends z.ZodType ? z.output<T> : Record<string, never>;

/** What a handler receives: validated inputs typed from the route's schemas. */
export interface RouteHandlerInput<TParams, TQuery, TBody, TAuth extends RouteAuth, TPrincipal> {
  readonly params: Output<TParams>;
  readonly query: Output<TQuery>;
  readonly body: TBody extends z.ZodType ? z.output<TBody> : undefined;
  readonly principal: TAuth extends 'api-key' ? TPrincipal : undefined;
  readonly context: Context;
}

// A conditional (not `keyof T & number`) so that TypeScript keeps `status: 200` a literal when it
// checks a handler inside `defineRoute({...})`: it widens numbers typed by a bare `keyof`.
type StatusOf<TKey> = TKey extends number ? TKey : never;
type Extra = { readonly headers?: Readonly<Record<string, string>> };

/** A declared status and a body matching its schema's input type, or any `Response` as is. */
export type RouteResult<TResponses extends RouteResponses> =
  | Response
  | {
      [TStatus in keyof TResponses]: TResponses[TStatus] extends {
        readonly schema: infer TSchema extends z.ZodType;
      }
        ? { readonly status: StatusOf<TStatus>; readonly body: z.input<TSchema> } & Extra
        : { readonly status: StatusOf<TStatus>; readonly body?: undefined } & Extra;
    }[keyof TResponses];

/** A handler result with its types erased: what the mount serialises. */
export type ErasedRouteResult =
  | Response
  | {
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    };

/**
 * A route's handler. Written as a conditional type on purpose: while TypeScript infers
 * `defineRoute`'s type arguments it substitutes them into a contextual type only when that type is
 * itself generic at the top (a conditional is, a plain function type is not). Without it, the
 * handler's return is checked against the bare constraints and literals such as `status: 200` or
 * an enum value in the body widen to `number`/`string` and fail to match.
 */
export type RouteHandler<
  TInput,
  TResponses extends RouteResponses,
> = TResponses extends RouteResponses
  ? (input: TInput) => RouteResult<TResponses> | Promise<RouteResult<TResponses>>
  : never;

/** Everything `defineRoute` takes. Paths use OpenAPI syntax: `/v1/agents/{agentId}`. */
export interface RouteSpec<
  TParams,
  TQuery,
  TBody,
  TResponses extends RouteResponses,
  TAuth extends RouteAuth,
  TPrincipal,
> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: TParams;
  readonly query?: TQuery;
  readonly body?: TBody;
  readonly responses: TResponses;
  readonly auth: TAuth;
  /** Needed on top of a valid key; checked against `principal.scopes`. */
  readonly scope?: ApiScope;
  readonly handler: RouteHandler<
    RouteHandlerInput<TParams, TQuery, TBody, TAuth, TPrincipal>,
    TResponses
  >;
}

/** Inputs after validation, before they are typed again for the route's own handler. */
export interface ValidatedRouteInput<TPrincipal> {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
  readonly principal: TPrincipal | undefined;
  readonly context: Context;
}

/** A route with its types erased, so routes of any shape fit in one list for mounting and docs. */
export interface ApiRoute<TPrincipal = ApiPrincipal> {
  readonly method: HttpMethod;
  readonly path: string;
  /** The same path in hono syntax: `/v1/agents/:agentId`. */
  readonly honoPath: string;
  readonly pathParameterNames: readonly string[];
  readonly operationId: string;
  readonly summary: string;
  readonly description: string | undefined;
  readonly tags: readonly string[];
  readonly params: z.ZodObject | undefined;
  readonly query: z.ZodObject | undefined;
  readonly body: z.ZodType | undefined;
  readonly responses: RouteResponses;
  readonly auth: RouteAuth;
  readonly scope: ApiScope | undefined;
  readonly handle: (input: ValidatedRouteInput<TPrincipal>) => Promise<ErasedRouteResult>;
}

const placeholderPattern = /\{([^}]*)\}/g;
const parameterNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Turns `/v1/agents/{agentId}` into `/v1/agents/:agentId` and lists the parameter names. */
export function toHonoPath(path: string): {
  readonly honoPath: string;
  readonly names: readonly string[];
} {
  const names: string[] = [];
  const honoPath = path.replace(placeholderPattern, (_match, name: string) => {
    if (!parameterNamePattern.test(name))
      throw new ConfigError(`route ${path}`, `path parameter {${name}} is not a plain identifier`);
    names.push(name);
    return `:${name}`;
  });
  if (!path.startsWith('/') || /[{}]/.test(honoPath))
    throw new ConfigError(
      `route ${path}`,
      'path must start with / and use balanced {name} placeholders',
    );
  return { honoPath, names };
}
