import { z } from 'zod';
import { getOverviewStats, type OverviewStats } from '../../stats/overview-stats.js';
import {
  checkStatsRange,
  MAX_STATS_RANGE_DAYS,
  StatsRangeError,
} from '../../stats/stats-window.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { ApiProblem } from '../http/api-problem.js';

const timestamp = z.iso.datetime();
const latency = z.int().nullable();
const decimal = z.string().meta({ description: 'Exact decimal as a string', example: '12.345600' });

/** `GET /v1/stats/overview` query parameters. */
export const overviewQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional().meta({
    description:
      "Calls created at or after this instant (ISO 8601). Default: the start of the 30 days (in the organisation's time zone) that end with the day of `to`.",
  }),
  to: z.iso.datetime({ offset: true }).optional().meta({
    description: 'Calls created before this instant (ISO 8601, exclusive). Default: now.',
  }),
});

/** The overview's response body. */
export const overviewSchema = z
  .object({
    from: timestamp,
    to: timestamp,
    timeZone: z
      .string()
      .meta({ description: "The organisation's IANA time zone; days start at its midnight." }),
    days: z.array(
      z.object({
        date: z.iso.date(),
        calls: z.int(),
        minutes: z.number().meta({ description: 'Summed call duration, to 0.01 minute' }),
        avgLatencyMs: latency.meta({ description: 'Mean turn latency; null without turns' }),
        p95LatencyMs: latency,
      }),
    ),
    outcomes: z.array(
      z.object({
        outcome: z.string().meta({
          description:
            'A call disposition, `in-progress` for calls not ended yet, `unknown` for calls that ended without one.',
        }),
        count: z.int(),
      }),
    ),
    providers: z.array(
      z.object({
        provider: z.string(),
        kind: z.enum(['telephony', 'stt', 'llm', 'tts']),
        minutes: z.number().meta({ description: 'Audio the provider handled, to 0.01 minute' }),
        cost: decimal,
      }),
    ),
    totals: z.object({
      calls: z.int(),
      minutes: z.number(),
      cost: decimal,
      avgLatencyMs: latency,
      p95LatencyMs: latency,
    }),
  })
  .meta({ id: 'StatsOverview' });

function toBody(stats: OverviewStats) {
  return { ...stats, from: stats.from.toISOString(), to: stats.to.toISOString() };
}

/** 400 `invalid_range`, naming the query parameter at fault. */
function invalidRange(error: StatsRangeError): ApiProblem {
  return new ApiProblem({
    status: 400,
    code: 'invalid_range',
    title: 'Invalid range',
    detail: error.message,
    errors: [{ path: `query.${error.parameter}`, message: error.message }],
  });
}

/**
 * `GET /v1/stats/overview`: the dashboard's figures for a window of calls (default: the last 30
 * days in the organisation's time zone), read in the caller's organisation.
 *
 * @example
 * createApi({ ...dependencies, extraRoutes: createStatsRoutes(dependencies) });
 */
export function createStatsRoutes({ database }: Pick<ApiDependencies, 'database'>) {
  const overview = defineRoute({
    method: 'get',
    path: '/v1/stats/overview',
    operationId: 'getStatsOverview',
    summary: 'Calls, minutes, outcomes, latency and cost per day and provider',
    description: `Counts the calls created in [from, to), by day in the organisation's time zone (every day present, zero-filled), outcome and provider. Latency is per turn (end of caller speech to agent audio). The range may span at most ${MAX_STATS_RANGE_DAYS} days.`,
    tags: ['stats'],
    auth: 'api-key',
    scope: 'read',
    query: overviewQuerySchema,
    responses: {
      200: { description: 'The overview', schema: overviewSchema },
      400: {
        description: `\`invalid_range\`: \`to\` is not after \`from\`, or the range is longer than ${MAX_STATS_RANGE_DAYS} days`,
      },
    },
    handler: async ({ principal, query }) => {
      const now = new Date();
      const range = {
        ...(query.from !== undefined ? { from: new Date(query.from) } : {}),
        ...(query.to !== undefined ? { to: new Date(query.to) } : {}),
      };
      try {
        // Checked before a transaction is opened for a request that cannot be answered.
        checkStatsRange(range, now);
      } catch (error) {
        if (error instanceof StatsRangeError) throw invalidRange(error);
        throw error;
      }
      const stats = await database.forOrganization(principal.orgId, (trx) =>
        getOverviewStats(trx, principal.orgId, range, now),
      );
      return { status: 200, body: toBody(stats) };
    },
  });
  return [overview];
}
