export { createHttpTool, type HttpToolOptions } from './create-http-tool.js';
export type { HttpToolResult } from './decode-http-tool-response.js';
export {
  HTTP_TOOL_METHODS,
  httpToolDefinitionSchema,
  parseHttpToolDefinition,
  type HttpToolDefinition,
  type HttpToolDefinitionInput,
  type HttpToolMethod,
} from './http-tool-definition.js';
export {
  HTTP_TOOL_HEADERS,
  signHttpToolRequest,
  verifyHttpToolSignature,
  type VerifyHttpToolSignatureOptions,
} from './http-tool-signature.js';
export { isBlockedAddress } from './is-blocked-address.js';
export {
  systemHostLookup,
  type HostLookup,
  type ResolvedAddress,
} from './resolve-allowed-addresses.js';
