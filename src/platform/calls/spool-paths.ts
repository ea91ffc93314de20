import { join } from 'node:path';

/**
 * Where a live call keeps its journal and its recording until both are safely in the database and
 * in storage: `<dataDir>/spool/<orgId>/<callId>.{jsonl,wav}`. Start-up recovery scans this folder.
 */
export function spoolPaths(
  dataDir: string,
  orgId: string,
  callId: string,
): { journal: string; recording: string } {
  const folder = join(dataDir, 'spool', orgId);
  return { journal: join(folder, `${callId}.jsonl`), recording: join(folder, `${callId}.wav`) };
}

/** The storage key of a call's recording. */
export function recordingKey(orgId: string, callId: string): string {
  return `org/${orgId}/calls/${callId}.wav`;
}
