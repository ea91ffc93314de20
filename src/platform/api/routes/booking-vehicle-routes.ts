import { z } from 'zod';
import {
  addServiceRecord,
  createVehicle,
  getCustomer,
  getVehicle,
  listServiceHistory,
  listVehiclesByCustomer,
  updateVehicleMileage,
} from '../../booking/store/index.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute, type OrgPrincipal } from '../api-principal.js';
import { notFound } from '../http/api-problem.js';
import type { ApiRoute } from '../http/route-definition.js';
import { toServiceRecordBody, toVehicleBody } from './booking-bodies.js';
import { inOrganization } from './booking-errors.js';
import {
  customerParams,
  serviceRecordInputSchema,
  serviceRecordSchema,
  vehicleDetailSchema,
  vehicleInputSchema,
  vehicleParams,
  vehicleSchema,
  vehicleUpdateSchema,
} from './booking-schemas.js';

const vehicleListSchema = z.object({ data: z.array(vehicleSchema) }).meta({ id: 'VehicleList' });

/**
 * Vehicles (identified by a checked VIN) and their service history. A customer or vehicle of
 * another organisation is a 404, whichever id points at it: the store looks them up under
 * row-level security.
 */
export function createBookingVehicleRoutes({
  database,
}: ApiDependencies): ApiRoute<OrgPrincipal>[] {
  const listByCustomer = defineRoute({
    method: 'get',
    path: '/v1/customers/{customerId}/vehicles',
    operationId: 'listCustomerVehicles',
    summary: "A customer's vehicles, oldest first",
    tags: ['vehicles'],
    auth: 'api-key',
    scope: 'read',
    params: customerParams,
    responses: {
      200: { description: 'Vehicles', schema: vehicleListSchema },
      404: { description: '`not_found`: no such customer' },
    },
    handler: async ({ principal, params }) => {
      const vehicles = await inOrganization(database, principal.orgId, async (trx) => {
        if ((await getCustomer(trx, params.customerId)) === undefined)
          throw notFound('Customer', params.customerId);
        return listVehiclesByCustomer(trx, params.customerId);
      });
      return { status: 200, body: { data: vehicles.map(toVehicleBody) } };
    },
  });
  const create = defineRoute({
    method: 'post',
    path: '/v1/vehicles',
    operationId: 'createVehicle',
    summary: 'Add a vehicle to a customer; make and model year are decoded from the VIN',
    tags: ['vehicles'],
    auth: 'api-key',
    scope: 'write',
    body: vehicleInputSchema,
    responses: {
      201: { description: 'Created', schema: vehicleSchema },
      404: { description: '`not_found`: no such customer' },
      409: { description: '`duplicate_vin`: the VIN is already on file' },
      422: { description: '`invalid_vin` (the reason is on body.vin) or `validation_failed`' },
    },
    handler: async ({ principal, body }) => {
      const vehicle = await inOrganization(database, principal.orgId, (trx) =>
        createVehicle(trx, principal.orgId, body),
      );
      return {
        status: 201,
        body: toVehicleBody(vehicle),
        headers: { location: `/v1/vehicles/${vehicle.id}` },
      };
    },
  });
  const get = defineRoute({
    method: 'get',
    path: '/v1/vehicles/{vehicleId}',
    operationId: 'getVehicle',
    summary: 'Get a vehicle with its service history, newest first',
    tags: ['vehicles'],
    auth: 'api-key',
    scope: 'read',
    params: vehicleParams,
    responses: {
      200: { description: 'The vehicle', schema: vehicleDetailSchema },
      404: { description: '`not_found`' },
    },
    handler: async ({ principal, params }) => {
      const detail = await inOrganization(database, principal.orgId, async (trx) => {
        const vehicle = await getVehicle(trx, params.vehicleId);
        if (vehicle === undefined) throw notFound('Vehicle', params.vehicleId);
        const history = await listServiceHistory(trx, vehicle.id);
        return { ...toVehicleBody(vehicle), serviceHistory: history.map(toServiceRecordBody) };
      });
      return { status: 200, body: detail };
    },
  });
  const updateMileage = defineRoute({
    method: 'patch',
    path: '/v1/vehicles/{vehicleId}',
    operationId: 'updateVehicle',
    summary: 'Record a new odometer reading',
    tags: ['vehicles'],
    auth: 'api-key',
    scope: 'write',
    params: vehicleParams,
    body: vehicleUpdateSchema,
    responses: {
      200: { description: 'The vehicle', schema: vehicleSchema },
      404: { description: '`not_found`' },
    },
    handler: async ({ principal, params, body }) => {
      const vehicle = await inOrganization(database, principal.orgId, (trx) =>
        updateVehicleMileage(trx, params.vehicleId, body.mileage),
      );
      if (vehicle === undefined) throw notFound('Vehicle', params.vehicleId);
      return { status: 200, body: toVehicleBody(vehicle) };
    },
  });
  const addHistory = defineRoute({
    method: 'post',
    path: '/v1/vehicles/{vehicleId}/service-history',
    operationId: 'addServiceRecord',
    summary: 'Record work done on a vehicle',
    tags: ['vehicles'],
    auth: 'api-key',
    scope: 'write',
    params: vehicleParams,
    body: serviceRecordInputSchema,
    responses: {
      201: { description: 'Recorded', schema: serviceRecordSchema },
      404: { description: '`not_found`: no such vehicle' },
    },
    handler: async ({ principal, params, body }) => {
      const record = await inOrganization(database, principal.orgId, (trx) =>
        addServiceRecord(trx, principal.orgId, {
          ...body,
          vehicleId: params.vehicleId,
          performedAt: new Date(body.performedAt),
        }),
      );
      return { status: 201, body: toServiceRecordBody(record) };
    },
  });
  return [listByCustomer, create, get, updateMileage, addHistory];
}
