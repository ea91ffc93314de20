import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type {
  AppointmentsTable,
  CustomersTable,
  ServiceHistoryTable,
  VehiclesTable,
} from '../db/database-schema.js';
import { demoEmail, pickDemoName } from './demo-names.js';
import { pickDemoPhones } from './demo-phones.js';
import type { PlannedAppointment } from './demo-schedule.js';
import { createDemoVehicleGenerator } from './demo-vehicles.js';
import type { SeededRandom } from './seeded-random.js';

/** The rows of a demo data set, ready for multi-row inserts. */
export interface DemoRows {
  readonly customers: Insertable<CustomersTable>[];
  readonly vehicles: Insertable<VehiclesTable>[];
  readonly appointments: Insertable<AppointmentsTable>[];
  readonly serviceHistory: Insertable<ServiceHistoryTable>[];
}

const dayMs = 86_400_000;
const customerNotes = [
  'Prefers text messages',
  'Fleet account',
  'Needs a loaner car',
  'Waits on site',
  'Prefers early mornings',
];
const cancelReasons = [
  'Schedule conflict',
  'Car sold',
  'Fixed elsewhere',
  'Feeling unwell',
  'Will call back to rebook',
];

/**
 * Builds customers (realistic names, distinct fictional phones, some e-mails), 1–3 vehicles each
 * (1.6 on average), and appointments on the planned slots for random customers: past ones mostly
 * completed (with a service record), some no-shows or cancelled; future ones booked, a few
 * cancelled. Ids are random UUIDs; everything else follows the seed.
 */
export function buildDemoRows(
  random: SeededRandom,
  input: {
    orgId: string;
    customers: number;
    now: Date;
    bayIds: readonly string[];
    plan: readonly PlannedAppointment[];
  },
): DemoRows {
  const { orgId, now } = input;
  const phones = pickDemoPhones(random, input.customers);
  const nextVehicle = createDemoVehicleGenerator(random, now);
  const customers: Insertable<CustomersTable>[] = [];
  const vehicles: (Insertable<VehiclesTable> & { id: string; mileage: number })[] = [];
  const vehiclesByCustomer: (typeof vehicles)[] = [];
  for (let index = 0; index < input.customers; index += 1) {
    const name = pickDemoName(random);
    const id = randomUUID();
    const createdAt = new Date(now.getTime() - random.integer(61, 3 * 365) * dayMs);
    customers.push({
      id,
      org_id: orgId,
      first_name: name.firstName,
      last_name: name.lastName,
      phone: phones[index] ?? null,
      email: random.chance(0.6) ? demoEmail(name, index + 1) : null,
      notes: random.chance(0.05) ? random.pick(customerNotes) : null,
      created_at: createdAt,
      updated_at: createdAt,
    });
    const owned = Array.from({ length: random.weighted([1, 2, 3], [55, 30, 15]) }, () => {
      const vehicle = nextVehicle();
      return {
        id: randomUUID(),
        org_id: orgId,
        customer_id: id,
        vin: vehicle.vin,
        make: vehicle.make,
        model: vehicle.model,
        model_year: vehicle.modelYear,
        mileage: vehicle.mileage,
        created_at: createdAt,
      };
    });
    vehicles.push(...owned);
    vehiclesByCustomer.push(owned);
  }
  const appointments: Insertable<AppointmentsTable>[] = [];
  const serviceHistory: Insertable<ServiceHistoryTable>[] = [];
  for (const slot of input.customers === 0 ? [] : input.plan) {
    const vehicle = random.pick(vehiclesByCustomer[random.integer(0, input.customers - 1)] ?? []);
    const isPast = slot.endsAt.getTime() <= now.getTime();
    const isFuture = slot.startsAt.getTime() > now.getTime();
    const roll = random.next();
    const status = isPast
      ? roll < 0.85
        ? 'completed'
        : roll < 0.9
          ? 'no-show'
          : 'cancelled'
      : isFuture && roll < 0.08
        ? 'cancelled'
        : 'booked';
    const createdAt = new Date(
      Math.min(now.getTime(), slot.startsAt.getTime() - random.integer(1, 30) * dayMs),
    );
    appointments.push({
      id: randomUUID(),
      org_id: orgId,
      customer_id: vehicle.customer_id,
      vehicle_id: vehicle.id,
      bay_id: input.bayIds[slot.bayIndex] ?? '',
      service_type: slot.service.name,
      starts_at: slot.startsAt,
      ends_at: slot.endsAt,
      status,
      notes: random.chance(0.1) ? 'Customer reports a noise when braking' : null,
      cancel_reason: status === 'cancelled' ? random.pick(cancelReasons) : null,
      created_at: createdAt,
      updated_at: status === 'completed' ? slot.endsAt : createdAt,
    });
    if (status === 'completed') {
      const daysAgo = (now.getTime() - slot.endsAt.getTime()) / dayMs;
      const cents = random.integer(slot.service.cost[0] * 100, slot.service.cost[1] * 100);
      serviceHistory.push({
        org_id: orgId,
        vehicle_id: vehicle.id,
        performed_at: slot.endsAt,
        service_type: slot.service.name,
        mileage: Math.max(0, Math.round(vehicle.mileage - daysAgo * random.integer(20, 45))),
        notes: null,
        cost: (cents / 100).toFixed(2),
      });
    }
  }
  return { customers, vehicles, appointments, serviceHistory };
}
