import { randomBytes } from 'node:crypto';
import { silentLogger } from '../../../logging/logger.js';
import { computeVinCheckDigit, utcToZonedParts, zonedTimeToUtc } from '../../booking/index.js';
import { SecretBox } from '../../tenancy/secret-box.js';
import type { ApiDependencies } from '../api-dependencies.js';

/**
 * Shared set-up of the booking route tests (used by booking-*.test.ts only): a workshop in New
 * York open Monday to Friday 08:00–17:00 and Saturday 09:00–12:00, dates far enough ahead that
 * the real clock never makes them past, and small request helpers.
 */

export const WORKSHOP_TIME_ZONE = 'America/New_York';

/** What the tests need of a test organisation: requests sent with its API key. */
export interface BookingTestClient {
  request(method: string, path: string, body?: unknown): Promise<Response>;
}

/** The dependencies the booking routes take, around a test database. */
export function createBookingTestDependencies(
  context: Pick<ApiDependencies, 'database' | 'storage' | 'jobs'>,
): ApiDependencies {
  return {
    ...context,
    secrets: new SecretBox(randomBytes(32)),
    publicUrl: 'https://switchboard.example',
    onCredentialsChanged: async () => {},
    logger: silentLogger,
  };
}

/** Sends a request and returns status and parsed JSON body (undefined when empty). */
export async function send<TBody = Record<string, unknown>>(
  client: BookingTestClient,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: TBody }> {
  const response = await client.request(method, path, body);
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as TBody };
}

/** Moves the organisation to New York, sets the workshop week and adds `bayCount` bays. */
export async function setUpWorkshop(client: BookingTestClient, bayCount = 2): Promise<string[]> {
  await expectStatus(
    client.request('PATCH', '/v1/organization', { timeZone: WORKSHOP_TIME_ZONE }),
    200,
  );
  await expectStatus(
    client.request('PUT', '/v1/business-hours', {
      hours: [
        ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '17:00' })),
        { weekday: 6, opens: '09:00', closes: '12:00' },
      ],
    }),
    200,
  );
  const bayIds: string[] = [];
  for (let index = 1; index <= bayCount; index += 1) {
    const response = await expectStatus(
      client.request('POST', '/v1/service-bays', { name: `Bay ${index}` }),
      201,
    );
    bayIds.push(((await response.json()) as { id: string }).id);
  }
  return bayIds;
}

async function expectStatus(pending: Promise<Response>, status: number): Promise<Response> {
  const response = await pending;
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status}: ${await response.text()}`);
  return response;
}

/** The New York date ('YYYY-MM-DD') of the first `weekday` (0 = Sunday) at least `minDays` ahead. */
export function upcomingWeekday(weekday: number, minDays = 14): string {
  const start = new Date(Date.now() + minDays * 86_400_000);
  const today = utcToZonedParts(start, WORKSHOP_TIME_ZONE).date;
  const [year, month, day] = today.split('-').map(Number);
  const carrier = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  carrier.setUTCDate(carrier.getUTCDate() + ((weekday - carrier.getUTCDay() + 7) % 7));
  return carrier.toISOString().slice(0, 10);
}

/** A New York wall time as an instant. */
export function workshopTime(date: string, time: string): Date {
  const instant = zonedTimeToUtc(date, time, WORKSHOP_TIME_ZONE);
  if (instant === undefined) throw new Error(`${date} ${time} does not exist in New York`);
  return instant;
}

/** A New York wall time as ISO 8601 with its offset, e.g. 2026-03-09T09:00:00-04:00. */
export function workshopIso(date: string, time: string): string {
  const instant = workshopTime(date, time);
  const parts = utcToZonedParts(instant, WORKSHOP_TIME_ZONE);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  const offsetMinutes = Math.round((wall - instant.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date}T${time}:00${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** A valid VIN from 16 characters: the check digit is computed and put at position 9. */
export function makeVin(withoutCheckDigit: string): string {
  const draft = `${withoutCheckDigit.slice(0, 8)}0${withoutCheckDigit.slice(8)}`;
  return `${draft.slice(0, 8)}${computeVinCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
}

/** Creates a customer and returns its id. */
export async function addCustomer(
  client: BookingTestClient,
  firstName: string,
  lastName: string,
  phone?: string,
): Promise<string> {
  const response = await expectStatus(
    client.request('POST', '/v1/customers', { firstName, lastName, phone }),
    201,
  );
  return ((await response.json()) as { id: string }).id;
}
