export * from './agent-definition.js';
export * from './provisioning-defaults.js';
export {
  ProvisioningError,
  formatProvisioningProblem,
  type ProvisioningProblem,
} from './provisioning-error.js';
export {
  loadProvisioning,
  parseProvisioning,
  parseProvisioningText,
  parseAgentDefinition,
  formatPath,
  type ProvisioningFormat,
} from './load-provisioning.js';
export { agentSchema, provisioningSchema } from './provisioning-schema.js';
export {
  E164_PATTERN,
  SIP_URI_PATTERN,
  SLUG_PATTERN,
  ELEVENLABS_VOICE_ID_PATTERN,
  VARIABLE_NAME_PATTERN,
} from './provisioning-patterns.js';
export {
  createAgentRegistry,
  normalizePhoneNumber,
  renderAgentText,
  type AgentRegistry,
  type RenderedAgentText,
} from './agent-registry.js';
export { renderTemplate, listTemplateVariables, type RenderedTemplate } from './render-template.js';
export { createEndCallTool, type BuiltInToolOptions } from './end-call-tool.js';
export { createTransferCallTool, type TransferCallResult } from './transfer-call-tool.js';
export { buildAgentTools, type BookingToolFactory } from './build-agent-tools.js';
