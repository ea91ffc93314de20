import { sql } from 'kysely';
import { z } from 'zod';
import type { TenantTransaction } from '../db/switchboard-database.js';

/** Who gets the post-call summary email, and which calls are worth one. */
export const summaryEmailSettingsSchema = z
  .object({
    recipients: z.array(z.email()).max(20).default([]).meta({
      description: 'Addresses that get a summary after each analysed call; empty sends none.',
    }),
    minDurationSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(15)
      .meta({ description: 'Calls shorter than this get no email unless one is asked for.' }),
    includeCallsWithoutCallerSpeech: z.boolean().default(false).meta({
      description: 'Also email calls in which the caller never spoke (hang-ups, silence).',
    }),
  })
  .meta({ id: 'SummaryEmailSettings' });

export type SummaryEmailSettings = z.output<typeof summaryEmailSettingsSchema>;

/** The organisation's settings, with defaults for anything never set (or stored malformed). */
export async function getSummaryEmailSettings(
  trx: TenantTransaction,
  orgId: string,
): Promise<SummaryEmailSettings> {
  const row = await trx
    .selectFrom('organizations')
    .select('settings')
    .where('id', '=', orgId)
    .executeTakeFirst();
  const parsed = summaryEmailSettingsSchema.safeParse(row?.settings.summaryEmail ?? {});
  return parsed.success ? parsed.data : summaryEmailSettingsSchema.parse({});
}

/** Replaces the settings given, keeping the rest of the organisation's settings as they are. */
export async function setSummaryEmailSettings(
  trx: TenantTransaction,
  orgId: string,
  changes: Partial<SummaryEmailSettings>,
): Promise<SummaryEmailSettings> {
  const merged = summaryEmailSettingsSchema.parse({
    ...(await getSummaryEmailSettings(trx, orgId)),
    ...changes,
  });
  await trx
    .updateTable('organizations')
    .set({
      settings: sql`jsonb_set(settings, '{summaryEmail}', ${JSON.stringify(merged)}::jsonb)`,
      updated_at: new Date(),
    })
    .where('id', '=', orgId)
    .execute();
  return merged;
}
