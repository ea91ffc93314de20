/**
 * Demo data for the service department: {@link seedDemoData} fills an empty organisation with
 * customers, vehicles with valid VINs, bays, business hours, appointments and service history,
 * deterministically from a seed.
 */
export { seedDemoData } from './seed-demo-data.js';
export type { SeedDemoDataOptions, SeedDemoDataResult } from './seed-demo-data.js';
export { createSeededRandom } from './seeded-random.js';
export type { SeededRandom } from './seeded-random.js';
export { DEMO_BUSINESS_HOURS, DEMO_SERVICE_TYPES, planDemoSchedule } from './demo-schedule.js';
export type { DemoServiceType, PlannedAppointment, DemoScheduleOptions } from './demo-schedule.js';
export { createDemoVehicleGenerator } from './demo-vehicles.js';
export type { DemoVehicle } from './demo-vehicles.js';
export { pickDemoPhones, demoPhoneCapacity } from './demo-phones.js';
