export { SwitchboardError } from './switchboard-error.js';
export { ProviderError, isRetryableStatus } from './provider-error.js';
export { ConfigError } from './config-error.js';
