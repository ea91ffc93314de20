import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallEvent } from '../../engine/call-events.js';
import type { Logger } from '../../logging/logger.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { finalizeOrphanRecording } from '../recording/index.js';
import type { RecordingStorage } from '../storage/index.js';
import { applyCallEvents, closeCall } from './apply-call-events.js';
import type { CallFollowUp } from './call-follow-up.js';
import { readCallJournal, type CallJournalHeader } from './call-journal.js';
import { recordingKey, spoolPaths } from './spool-paths.js';

/** End reason of a call cut short because the Switchboard process stopped (crash, kill, power). */
export const PROCESS_EXITED = 'process-exited';

export interface SpoolRecoveryOptions {
  readonly database: SwitchboardDatabase;
  readonly storage: RecordingStorage;
  readonly dataDir: string;
  readonly logger: Logger;
  /** Notifications and analysis of the calls it closes, queued in the same transactions. */
  readonly followUp?: CallFollowUp;
}

export interface SpoolRecoveryReport {
  /** Calls whose row was completed from what reached the disk. */
  readonly recovered: string[];
  /** Calls that had no row at all and were recreated in their organisation. */
  readonly adopted: string[];
  readonly failed: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Runs at start-up, before calls are taken: every call left in the spool by a process that died
 * (or could not reach the database before it stopped) gets its events written, an honest end
 * (`process-exited`) if it never ended, and whatever recording reached the disk. A journal or
 * recording without a call row is adopted into the organisation whose folder it is in.
 */
export async function recoverSpool(options: SpoolRecoveryOptions): Promise<SpoolRecoveryReport> {
  const report: SpoolRecoveryReport = { recovered: [], adopted: [], failed: [] };
  const root = join(options.dataDir, 'spool');
  const organizations = await readdir(root).catch(() => [] as string[]);
  for (const orgId of organizations.filter((name) => UUID.test(name))) {
    const files = await readdir(join(root, orgId)).catch(() => [] as string[]);
    const callIds = new Set(
      files.map((file) => file.replace(/\.(jsonl|wav)$/, '')).filter((name) => UUID.test(name)),
    );
    for (const callId of callIds) {
      const logger = options.logger.child({ callId, orgId });
      try {
        const adopted = await recoverCall(options, orgId, callId, logger);
        report.recovered.push(callId);
        if (adopted) report.adopted.push(callId);
      } catch (error) {
        report.failed.push(callId);
        logger.error({ err: error }, 'could not recover call from the spool; files left in place');
      }
    }
  }
  if (report.recovered.length > 0 || report.failed.length > 0) {
    options.logger.warn(
      {
        recovered: report.recovered.length,
        adopted: report.adopted.length,
        failed: report.failed.length,
      },
      'recovered calls left behind by a previous run',
    );
  }
  return report;
}

async function recoverCall(
  options: SpoolRecoveryOptions,
  orgId: string,
  callId: string,
  logger: Logger,
): Promise<boolean> {
  const paths = spoolPaths(options.dataDir, orgId, callId);
  const journal = await readCallJournal(paths.journal).catch(() => undefined);
  const recordingSize = await stat(paths.recording)
    .then((info) => info.size)
    .catch(() => undefined);
  const recordingMs =
    recordingSize === undefined
      ? undefined
      : await finalizeOrphanRecording(paths.recording).catch(() => undefined);
  const events = journal?.header.orgId === orgId ? journal.events : [];
  const key = recordingKey(orgId, callId);
  if (recordingMs !== undefined) await options.storage.put(key, paths.recording, 'audio/wav');

  const adopted = await options.database.forOrganization(orgId, async (trx) => {
    const row = await trx
      .selectFrom('calls')
      .select(['id', 'ended_at'])
      .where('id', '=', callId)
      .executeTakeFirst();
    if (row === undefined)
      await trx
        .insertInto('calls')
        .values(adoptedRow(orgId, callId, journal?.header, events))
        .execute();
    await applyCallEvents(trx, orgId, [{ callId, events }], options.followUp);
    // The recording first, so a call closed below is announced with it.
    if (recordingMs !== undefined) {
      await trx
        .updateTable('calls')
        .set({ recording_key: key, recording_duration_ms: Math.round(recordingMs) })
        .where('id', '=', callId)
        .execute();
    }
    const current = await trx
      .selectFrom('calls')
      .select(['ended_at', 'created_at'])
      .where('id', '=', callId)
      .executeTakeFirstOrThrow();
    if (current.ended_at === null) {
      const last: CallEvent | undefined = events[events.length - 1];
      const durationMs = Math.max(last?.offsetMs ?? 0, recordingMs ?? 0);
      await closeCall(
        trx,
        callId,
        {
          reason: PROCESS_EXITED,
          at: last?.at ?? current.created_at.getTime() + durationMs,
          durationMs,
          disposition: 'failed',
        },
        options.followUp === undefined ? undefined : { orgId, followUp: options.followUp },
      );
    }
    return row === undefined;
  });
  await rm(paths.journal, { force: true });
  await rm(paths.recording, { force: true });
  logger.info({ events: events.length, recordingMs, adopted }, 'call recovered from the spool');
  return adopted;
}

function adoptedRow(
  orgId: string,
  callId: string,
  header: CallJournalHeader | undefined,
  events: readonly CallEvent[],
) {
  const started = events.find((event) => event.type === 'call-started');
  const createdAt =
    header !== undefined ? new Date(header.createdAt) : new Date(started?.at ?? Date.now());
  return {
    id: callId,
    org_id: orgId,
    direction: header?.direction ?? started?.direction ?? 'inbound',
    status: 'in-progress' as const,
    from_number: header?.from ?? started?.pii.from ?? 'unknown',
    to_number: header?.to ?? started?.pii.to ?? 'unknown',
    carrier: header?.carrier ?? started?.carrier ?? 'unknown',
    carrier_call_id: null,
    agent_id: null,
    agent_version: header?.agentVersion ?? null,
    agent_name: header?.agentName ?? started?.agentName ?? null,
    routed_by: 'none' as const,
    created_at: createdAt,
    updated_at: new Date(),
    total_cost: 0,
  };
}
