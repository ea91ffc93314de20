import type { Logger } from '../../logging/logger.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import type { JobQueue } from '../jobs/job-queue-service.js';
import type { RecordingStorage } from '../storage/index.js';
import type { SecretBox } from '../tenancy/secret-box.js';

/** What the API's route modules need from the running platform. */
export interface ApiDependencies {
  readonly database: SwitchboardDatabase;
  readonly secrets: SecretBox;
  readonly storage: RecordingStorage;
  /** The durable job queue: post-call work is enqueued, listed and retried through it. */
  readonly jobs: JobQueue;
  /** The URL carriers reach this server on (shown with each number's webhook URLs). */
  readonly publicUrl: string;
  /**
   * An organisation's stored credentials changed: carrier accounts are reloaded for webhook
   * signature checks, and the next call uses the new provider keys.
   */
  readonly onCredentialsChanged: (orgId: string, provider: string) => Promise<void>;
  readonly logger: Logger;
}
