import type { AppConfig } from './app-config.js';
import { CONFIG_VARIABLES, type ConfigGroup, type ConfigVariableName } from './config-variables.js';

/** One row of the configuration reference. */
export interface ConfigVariableDescription {
  readonly name: ConfigVariableName;
  readonly group: ConfigGroup;
  /** The default as text; `undefined` when the variable has none (unset means off / not used). */
  readonly defaultValue: string | undefined;
  readonly description: string;
  readonly secret: boolean;
}

/** Every environment variable with its default and meaning, in the order the README lists them. */
export function describeConfig(): readonly ConfigVariableDescription[] {
  return Object.entries(CONFIG_VARIABLES).map(([name, spec]) => ({
    // Object.entries widens keys to string; they are the table's own keys.
    name: name as ConfigVariableName,
    group: spec.group,
    defaultValue: spec.defaultText,
    description: spec.description,
    secret: spec.secret,
  }));
}

/** The configuration reference as a Markdown table, for the README. */
export function formatConfigMarkdown(): string {
  const rows = describeConfig().map((variable) => {
    const defaultCell =
      variable.defaultValue === undefined ? '(unset)' : `\`${variable.defaultValue}\``;
    const description = variable.description.replaceAll('|', '\\|');
    return `| \`${variable.name}\` | ${defaultCell} | ${description} |`;
  });
  return ['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n');
}

/** A copy of `config` safe to log: every secret replaced by `[set]` (or left undefined). */
export function redactConfig(config: AppConfig): unknown {
  const mask = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : '[set]';
  return {
    ...config,
    twilio: config.twilio && { ...config.twilio, authToken: mask(config.twilio.authToken) },
    signalwire: config.signalwire && {
      ...config.signalwire,
      apiToken: mask(config.signalwire.apiToken),
      signingKey: mask(config.signalwire.signingKey),
    },
    providers: Object.fromEntries(
      Object.entries(config.providers).map(([name, provider]) => [
        name,
        { ...provider, apiKey: mask(provider.apiKey) },
      ]),
    ),
  };
}
