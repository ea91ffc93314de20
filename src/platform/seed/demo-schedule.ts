import { groupBusinessHours } from '../booking/slots/business-hours.js';
import { addDays } from '../booking/slots/local-date.js';
import { utcToZonedParts, zonedTimeToUtc } from '../booking/slots/index.js';
import type { BusinessHours } from '../booking/slots/index.js';
import type { SeededRandom } from './seeded-random.js';

/** A kind of job in the demo data, with its length and price range in dollars. */
export interface DemoServiceType {
  readonly name: string;
  readonly minutes: number;
  readonly cost: readonly [number, number];
  /** Relative frequency. */
  readonly weight: number;
}

// prettier-ignore
export const DEMO_SERVICE_TYPES: readonly DemoServiceType[] = [
  { name: 'Oil change', minutes: 30, cost: [49, 89], weight: 10 },
  { name: 'Tire rotation', minutes: 30, cost: [25, 45], weight: 5 },
  { name: 'State inspection', minutes: 30, cost: [20, 40], weight: 3 },
  { name: 'Battery replacement', minutes: 30, cost: [150, 260], weight: 2 },
  { name: 'Brake inspection', minutes: 60, cost: [0, 60], weight: 4 },
  { name: 'Wheel alignment', minutes: 60, cost: [90, 160], weight: 3 },
  { name: 'Check engine light diagnosis', minutes: 60, cost: [100, 180], weight: 3 },
  { name: 'Transmission fluid service', minutes: 60, cost: [150, 280], weight: 1 },
  { name: 'Coolant flush', minutes: 60, cost: [110, 190], weight: 1 },
  { name: 'A/C service', minutes: 90, cost: [150, 300], weight: 2 },
  { name: 'Brake pad replacement', minutes: 120, cost: [250, 450], weight: 3 },
  { name: '30,000-mile service', minutes: 120, cost: [300, 550], weight: 2 },
];

/** Monday to Friday 07:30–18:00, Saturday 08:00–13:00. */
export const DEMO_BUSINESS_HOURS: readonly BusinessHours[] = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '07:30', closes: '18:00' })),
  { weekday: 6, opens: '08:00', closes: '13:00' },
];

/** One planned appointment on bay number `bayIndex` (0-based). */
export interface PlannedAppointment {
  readonly bayIndex: number;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly service: DemoServiceType;
}

/** What {@link planDemoSchedule} needs. */
export interface DemoScheduleOptions {
  readonly now: Date;
  readonly timeZone: string;
  /** How many appointments to plan. */
  readonly target: number;
  /** Fixed number of bays; absent: 4, or more when 4 cannot hold `target` with some slack. */
  readonly bays?: number;
  readonly pastDays?: number;
  readonly futureDays?: number;
}

const minuteMs = 60_000;
const weights = DEMO_SERVICE_TYPES.map((service) => service.weight);
const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Back-to-back jobs with occasional idle half hours, on one bay over all the days. */
function fillBay(
  random: SeededRandom,
  bayIndex: number,
  days: readonly { date: string; weekday: number }[],
  timeZone: string,
): PlannedAppointment[] {
  const hours = groupBusinessHours(DEMO_BUSINESS_HOURS);
  const planned: PlannedAppointment[] = [];
  for (const { date, weekday } of days) {
    for (const interval of hours.get(weekday) ?? []) {
      const opens = zonedTimeToUtc(date, clock(interval.opens), timeZone);
      const closes = zonedTimeToUtc(date, clock(Math.min(interval.closes, 1439)), timeZone);
      if (opens === undefined || closes === undefined) continue;
      let cursor = opens.getTime();
      for (;;) {
        if (random.chance(0.2)) {
          cursor += 30 * minuteMs;
          continue;
        }
        const service = random.weighted(DEMO_SERVICE_TYPES, weights);
        const end = cursor + service.minutes * minuteMs;
        if (end > closes.getTime()) break;
        planned.push({ bayIndex, startsAt: new Date(cursor), endsAt: new Date(end), service });
        cursor = end;
      }
    }
  }
  return planned;
}

/**
 * Plans `target` appointments between `pastDays` ago and `futureDays` ahead (60 and 30 by
 * default), inside the demo business hours in `timeZone`, never two at once on one bay: each bay
 * is filled with back-to-back jobs and idle gaps, then `target` of them are drawn at random.
 */
export function planDemoSchedule(
  random: SeededRandom,
  options: DemoScheduleOptions,
): { bayCount: number; appointments: PlannedAppointment[] } {
  const today = utcToZonedParts(options.now, options.timeZone).date;
  const pastDays = options.pastDays ?? 60;
  const days = Array.from({ length: pastDays + (options.futureDays ?? 30) + 1 }, (_, index) => {
    const date = addDays(today, index - pastDays);
    return { date, weekday: new Date(`${date}T12:00:00Z`).getUTCDay() };
  });
  const candidates: PlannedAppointment[] = [];
  let bayCount = 0;
  const minimumBays = options.bays ?? 4;
  // Drawing at most 85% of the possible jobs leaves realistic gaps in every bay's day.
  while (
    bayCount < minimumBays ||
    (options.bays === undefined && candidates.length * 0.85 < options.target)
  ) {
    candidates.push(...fillBay(random, bayCount, days, options.timeZone));
    bayCount += 1;
    if (bayCount > 200) break;
  }
  const appointments = random
    .shuffle(candidates)
    .slice(0, options.target)
    .sort(
      (left, right) =>
        left.startsAt.getTime() - right.startsAt.getTime() || left.bayIndex - right.bayIndex,
    );
  return { bayCount, appointments };
}
