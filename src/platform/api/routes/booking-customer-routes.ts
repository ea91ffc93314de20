import {
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  listUpcomingAppointments,
  listVehiclesByCustomer,
  updateCustomer,
} from '../../booking/store/index.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute, type OrgPrincipal } from '../api-principal.js';
import { notFound } from '../http/api-problem.js';
import { listEnvelopeSchema } from '../http/cursor-pagination.js';
import type { ApiRoute } from '../http/route-definition.js';
import {
  toAppointmentBody,
  toCustomerBody,
  toListEnvelope,
  toVehicleBody,
} from './booking-bodies.js';
import { inOrganization } from './booking-errors.js';
import {
  customerDetailSchema,
  customerInputSchema,
  customerListQuerySchema,
  customerParams,
  customerSchema,
  customerUpdateSchema,
} from './booking-schemas.js';

const customerListSchema = listEnvelopeSchema(customerSchema).meta({ id: 'CustomerList' });

/** Customers of the service department: search, create, read with vehicles, change, delete. */
export function createBookingCustomerRoutes({
  database,
}: ApiDependencies): ApiRoute<OrgPrincipal>[] {
  const list = defineRoute({
    method: 'get',
    path: '/v1/customers',
    operationId: 'listCustomers',
    summary: 'List or search customers, by last name then first name',
    tags: ['customers'],
    auth: 'api-key',
    scope: 'read',
    query: customerListQuerySchema,
    responses: { 200: { description: 'One page of customers', schema: customerListSchema } },
    handler: async ({ principal, query }) => {
      const page = await inOrganization(database, principal.orgId, (trx) =>
        listCustomers(trx, query),
      );
      return { status: 200, body: toListEnvelope(page, toCustomerBody) };
    },
  });
  const create = defineRoute({
    method: 'post',
    path: '/v1/customers',
    operationId: 'createCustomer',
    summary: 'Add a customer',
    tags: ['customers'],
    auth: 'api-key',
    scope: 'write',
    body: customerInputSchema,
    responses: { 201: { description: 'Created', schema: customerSchema } },
    handler: async ({ principal, body }) => {
      const customer = await inOrganization(database, principal.orgId, (trx) =>
        createCustomer(trx, principal.orgId, body),
      );
      return {
        status: 201,
        body: toCustomerBody(customer),
        headers: { location: `/v1/customers/${customer.id}` },
      };
    },
  });
  const get = defineRoute({
    method: 'get',
    path: '/v1/customers/{customerId}',
    operationId: 'getCustomer',
    summary: 'Get a customer with their vehicles and upcoming appointments',
    tags: ['customers'],
    auth: 'api-key',
    scope: 'read',
    params: customerParams,
    responses: {
      200: { description: 'The customer', schema: customerDetailSchema },
      404: { description: '`not_found`' },
    },
    handler: async ({ principal, params }) => {
      const detail = await inOrganization(database, principal.orgId, async (trx) => {
        const customer = await getCustomer(trx, params.customerId);
        if (customer === undefined) throw notFound('Customer', params.customerId);
        return {
          ...toCustomerBody(customer),
          vehicles: (await listVehiclesByCustomer(trx, customer.id)).map(toVehicleBody),
          upcomingAppointments: (await listUpcomingAppointments(trx, customer.id)).map(
            toAppointmentBody,
          ),
        };
      });
      return { status: 200, body: detail };
    },
  });
  const update = defineRoute({
    method: 'patch',
    path: '/v1/customers/{customerId}',
    operationId: 'updateCustomer',
    summary: "Change a customer's name, phone, email or notes",
    tags: ['customers'],
    auth: 'api-key',
    scope: 'write',
    params: customerParams,
    body: customerUpdateSchema,
    responses: {
      200: { description: 'The customer', schema: customerSchema },
      404: { description: '`not_found`' },
    },
    handler: async ({ principal, params, body }) => {
      const customer = await inOrganization(database, principal.orgId, (trx) =>
        updateCustomer(trx, params.customerId, body),
      );
      if (customer === undefined) throw notFound('Customer', params.customerId);
      return { status: 200, body: toCustomerBody(customer) };
    },
  });
  const remove = defineRoute({
    method: 'delete',
    path: '/v1/customers/{customerId}',
    operationId: 'deleteCustomer',
    summary: 'Delete a customer with their vehicles, appointments and service history',
    tags: ['customers'],
    auth: 'api-key',
    scope: 'write',
    params: customerParams,
    responses: { 204: { description: 'Deleted' }, 404: { description: '`not_found`' } },
    handler: async ({ principal, params }) => {
      const deleted = await inOrganization(database, principal.orgId, (trx) =>
        deleteCustomer(trx, params.customerId),
      );
      if (!deleted) throw notFound('Customer', params.customerId);
      return { status: 204 };
    },
  });
  return [list, create, get, update, remove];
}
