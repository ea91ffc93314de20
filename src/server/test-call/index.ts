/** Browser test calls (`GET /v1/agents/{agentId}/test-call`): what the server wires in. */
export {
  createTestCallUpgradeHandler,
  type TestCallUpgradeHandler,
} from './test-call-upgrade-handler.js';
export type { TestCallRuntime, TestCallUpgradeHandlerOptions } from './test-call-options.js';
export { parseTestCallTarget, type TestCallTarget } from './test-call-target.js';
