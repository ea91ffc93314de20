import type { Context } from 'hono';
import { z } from 'zod';
import { findApiKeyPrincipal } from '../../tenancy/api-keys.js';
import { getOrganization } from '../../tenancy/organizations.js';
import { createOwner, ownerExists } from '../../tenancy/owner-setup.js';
import {
  createSession,
  deleteSession,
  SESSION_COOKIE,
  SESSION_LIFETIME_MS,
} from '../../tenancy/sessions.js';
import { SignInThrottle } from '../../tenancy/sign-in-throttle.js';
import { authenticateUser, getUser, type User } from '../../tenancy/users.js';
import { readCookie } from '../authenticate-principal.js';
import { defineRoute } from '../api-principal.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { ApiProblem } from '../http/api-problem.js';

const sessionUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(['owner', 'admin', 'viewer']),
});

const sessionSchema = z
  .object({
    user: sessionUserSchema
      .nullable()
      .meta({ description: 'The signed-in user; null when an API key makes the request.' }),
    organization: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
  })
  .meta({ id: 'Session' });

const passwordSchema = z.string().min(12, { error: 'must be at least 12 characters' }).max(200);

const signInSchema = z
  .object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) })
  .meta({ id: 'SignIn' });

const setupSchema = z
  .object({
    setupKey: z.string().min(1).max(200).meta({
      description:
        'An admin API key of the organisation (the first is in DATA_DIR/initial-api-key.txt)',
    }),
    name: z.string().trim().min(1).max(200),
    email: z.email(),
    password: passwordSchema,
  })
  .meta({ id: 'OwnerSetup' });

export interface SessionRouteDependencies extends Pick<ApiDependencies, 'database'> {
  /** Tells the first visitor where the setup key is (the initial API key file). */
  readonly setupKeyHint: string;
  /** Limits wrong passwords per email (default: 10 per 15 minutes). */
  readonly signInThrottle?: SignInThrottle;
}

/**
 * Dashboard sign-in: a session cookie (HttpOnly, SameSite=Strict) for the browser, and the first
 * run's owner account, created with an admin API key of the organisation as proof that the
 * visitor runs the installation.
 */
export function createSessionRoutes({
  database,
  setupKeyHint,
  signInThrottle = new SignInThrottle(),
}: SessionRouteDependencies) {
  const describe = async (user: User | undefined, orgId: string) => {
    const organization = await database.forOrganization(orgId, (trx) =>
      getOrganization(trx, orgId),
    );
    if (organization === undefined) throw new ApiProblem(invalidCredentials);
    return {
      user:
        user === undefined
          ? null
          : { id: user.id, email: user.email, name: user.name, role: user.role },
      organization: {
        id: organization.id,
        name: organization.name,
        timeZone: organization.timeZone,
      },
    };
  };

  /** A new session for `user`: its description, and the cookie that carries it. */
  const startSession = async (user: User, context: Context) => {
    const session = await createSession(database, user);
    return {
      body: await describe(user, user.orgId),
      headers: { 'set-cookie': sessionCookie(context, session.token) },
    };
  };

  const current = defineRoute({
    method: 'get',
    path: '/v1/session',
    operationId: 'getSession',
    summary: 'Who is signed in',
    description: 'The session cookie’s user and organisation; for an API key, its organisation.',
    tags: ['session'],
    auth: 'api-key',
    scope: 'read',
    responses: { 200: { description: 'The caller', schema: sessionSchema } },
    handler: async ({ principal }) => {
      const user =
        principal.userId === undefined
          ? undefined
          : await database.forOrganization(principal.orgId, (trx) =>
              getUser(trx, principal.userId ?? ''),
            );
      return { status: 200, body: await describe(user, principal.orgId) };
    },
  });

  const signIn = defineRoute({
    method: 'post',
    path: '/v1/session',
    operationId: 'signIn',
    summary: 'Sign in with email and password',
    description: 'Sets the `sb_session` cookie (HttpOnly, SameSite=Strict) on success.',
    tags: ['session'],
    auth: 'none',
    body: signInSchema,
    responses: {
      200: { description: 'Signed in', schema: sessionSchema },
      401: { description: '`invalid_credentials`: wrong email or password' },
      429: { description: '`too_many_attempts`: too many wrong passwords for this email lately' },
    },
    handler: async ({ body, context }) => {
      const retryAfter = signInThrottle.retryAfterSeconds(body.email);
      if (retryAfter > 0) {
        throw new ApiProblem({
          status: 429,
          code: 'too_many_attempts',
          title: 'Too many attempts',
          detail: `Too many wrong passwords for this email. Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
          headers: { 'retry-after': String(retryAfter) },
        });
      }
      const user = await authenticateUser(database, body.email, body.password);
      if (user === undefined) {
        signInThrottle.failed(body.email);
        throw new ApiProblem(invalidCredentials);
      }
      signInThrottle.succeeded(body.email);
      return { status: 200, ...(await startSession(user, context)) };
    },
  });

  const signOut = defineRoute({
    method: 'delete',
    path: '/v1/session',
    operationId: 'signOut',
    summary: 'Sign out',
    tags: ['session'],
    auth: 'api-key',
    scope: 'read',
    responses: { 204: { description: 'Signed out; the cookie is cleared' } },
    handler: async ({ context }) => {
      const token = readCookie(context.req.header('cookie'), SESSION_COOKIE);
      if (token !== undefined) await deleteSession(database, token);
      return { status: 204, headers: { 'set-cookie': sessionCookie(context, '', 0) } };
    },
  });

  const setupState = defineRoute({
    method: 'get',
    path: '/v1/setup',
    operationId: 'getSetup',
    summary: 'Whether the installation still needs its owner account',
    tags: ['session'],
    auth: 'none',
    responses: {
      200: {
        description: 'Setup state',
        schema: z
          .object({ ownerExists: z.boolean(), setupKeyHint: z.string() })
          .meta({ id: 'SetupState' }),
      },
    },
    handler: async () => ({
      status: 200 as const,
      body: { ownerExists: await ownerExists(database), setupKeyHint },
    }),
  });

  const setup = defineRoute({
    method: 'post',
    path: '/v1/setup',
    operationId: 'createOwner',
    summary: 'Create the owner account (first run)',
    description:
      'Proves control of the installation with an admin API key of the organisation, creates its owner and signs them in.',
    tags: ['session'],
    auth: 'none',
    body: setupSchema,
    responses: {
      201: { description: 'Owner created and signed in', schema: sessionSchema },
      401: { description: '`invalid_setup_key`: not an admin API key' },
      409: { description: '`owner_exists`: the organisation has an owner' },
    },
    handler: async ({ body, context }) => {
      const key = await findApiKeyPrincipal(database, body.setupKey.trim());
      if (key === undefined || key.role !== 'admin') {
        throw new ApiProblem({
          status: 401,
          code: 'invalid_setup_key',
          title: 'Invalid setup key',
          detail: `The setup key is not an admin API key of this installation. Use ${setupKeyHint}.`,
        });
      }
      const owner = await createOwner(database, key.orgId, {
        email: body.email,
        password: body.password,
        name: body.name,
      });
      if (owner === undefined) {
        throw new ApiProblem({
          status: 409,
          code: 'owner_exists',
          title: 'Owner exists',
          detail: 'This organisation already has an owner: sign in instead.',
        });
      }
      return { status: 201, ...(await startSession(owner, context)) };
    },
  });

  return [current, signIn, signOut, setupState, setup];
}

const invalidCredentials = {
  status: 401,
  code: 'invalid_credentials',
  title: 'Wrong email or password',
  detail: 'The email or the password is wrong.',
} as const;

/** HttpOnly and SameSite=Strict always; Secure whenever the browser came over https. */
function sessionCookie(
  context: Context,
  token: string,
  maxAgeSeconds = SESSION_LIFETIME_MS / 1000,
): string {
  const https =
    new URL(context.req.url).protocol === 'https:' ||
    context.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(https ? ['Secure'] : []),
  ].join('; ');
}
