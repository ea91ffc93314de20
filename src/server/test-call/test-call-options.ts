import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../logging/logger.js';
import type { OrgPrincipal } from '../../platform/api/api-principal.js';
import type { SwitchboardDatabase } from '../../platform/db/switchboard-database.js';
import type { CallRuntime } from '../call-runtime.js';

/** The parts of the call runtime a test call uses. */
export type TestCallRuntime = Pick<
  CallRuntime,
  'startCall' | 'onCallEvent' | 'accepting' | 'activeCalls'
>;

export interface TestCallUpgradeHandlerOptions {
  readonly runtime: TestCallRuntime;
  readonly database: SwitchboardDatabase;
  /**
   * Who opens the socket (API key or dashboard session, Origin checked); undefined when nobody
   * valid. A rejection is treated as a server error (close 1011), not as a refusal.
   */
  readonly authenticate: (request: IncomingMessage) => Promise<OrgPrincipal | undefined>;
  /** MAX_CONCURRENT_CALLS: a test call takes a line like any other call. */
  readonly maxConcurrentCalls?: number;
  readonly logger?: Logger;
  /** Largest WebSocket message accepted at all (default 1 MiB); bigger ones close the socket. */
  readonly maxPayloadBytes?: number;
}
