import { SwitchboardError } from './switchboard-error.js';

/** Wrong or missing configuration. The message names the setting and what to do about it. */
export class ConfigError extends SwitchboardError {
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(`${setting}: ${message}`, { code: 'config_error' });
    this.name = 'ConfigError';
    this.setting = setting;
  }
}
