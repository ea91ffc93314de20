export type {
  AppConfig,
  LoggingConfig,
  ProviderConnectionConfig,
  ProvidersConfig,
  ServerConfig,
  SignalWireConfig,
  TwilioConfig,
} from './app-config.js';
export {
  CONFIG_VARIABLES,
  DEFAULT_PROVIDER_BASE_URLS,
  LOG_LEVELS,
  type ConfigGroup,
  type ConfigValues,
  type ConfigVariableName,
  type LogLevel,
} from './config-variables.js';
export { ConfigValidationError, type ConfigProblem } from './config-validation-error.js';
export {
  inspectConfig,
  loadConfig,
  readEnvironmentValue,
  type ConfigInspection,
  type Environment,
} from './load-config.js';
export {
  describeConfig,
  formatConfigMarkdown,
  redactConfig,
  type ConfigVariableDescription,
} from './describe-config.js';
export { isLocalOrPrivateHost } from '../net/is-local-or-private-host.js';
export { probeUrl, toHttpUrl, type ProbeOptions, type ProbeResult } from './probe-url.js';
export type { DoctorFinding, DoctorReport, DoctorSeverity } from './doctor-finding.js';
export { runDoctor, type DoctorOptions } from './doctor.js';
export { formatDoctorReport, type FormatDoctorReportOptions } from './format-doctor-report.js';
