import { z } from 'zod';
import { createUser, deleteUser, listUsers, type User } from '../../tenancy/users.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { conflict, notFound } from '../http/api-problem.js';
import { isUniqueViolation } from '../../db/postgres-errors.js';

const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(['owner', 'admin', 'viewer']),
    createdAt: z.iso.datetime(),
    lastLoginAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'User' });

const userCreateSchema = z
  .object({
    email: z.email(),
    password: z.string().min(12, { error: 'must be at least 12 characters' }).max(200),
    name: z.string().max(200).optional(),
    role: z.enum(['admin', 'viewer']).default('viewer'),
  })
  .meta({ id: 'UserCreate' });

function toBody(user: User) {
  return {
    ...user,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}

/** Dashboard users of the organisation. Passwords are write-only. */
export function createUserRoutes({ database }: ApiDependencies) {
  const list = defineRoute({
    method: 'get',
    path: '/v1/users',
    operationId: 'listUsers',
    summary: 'List users',
    tags: ['users'],
    auth: 'api-key',
    scope: 'read',
    responses: { 200: { description: 'Users', schema: z.object({ data: z.array(userSchema) }) } },
    handler: async ({ principal }) => ({
      status: 200,
      body: { data: (await database.forOrganization(principal.orgId, listUsers)).map(toBody) },
    }),
  });
  const create = defineRoute({
    method: 'post',
    path: '/v1/users',
    operationId: 'createUser',
    summary: 'Invite a user with a password',
    tags: ['users'],
    auth: 'api-key',
    scope: 'admin',
    body: userCreateSchema,
    responses: {
      201: { description: 'Created', schema: userSchema },
      409: { description: 'Email in use' },
    },
    handler: async ({ principal, body }) => {
      try {
        const user = await database.forOrganization(principal.orgId, (trx) =>
          createUser(trx, principal.orgId, body),
        );
        return { status: 201, body: toBody(user) };
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(`A user with the email ${body.email} exists.`);
        throw error;
      }
    },
  });
  const remove = defineRoute({
    method: 'delete',
    path: '/v1/users/{userId}',
    operationId: 'deleteUser',
    summary: 'Remove a user (not the owner)',
    tags: ['users'],
    auth: 'api-key',
    scope: 'admin',
    params: z.object({ userId: z.uuid() }),
    responses: { 204: { description: 'Removed' } },
    handler: async ({ principal, params }) => {
      const removed = await database.forOrganization(principal.orgId, (trx) =>
        deleteUser(trx, params.userId),
      );
      if (!removed) throw notFound('User', params.userId);
      return { status: 204 };
    },
  });
  return [list, create, remove];
}
