import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from './config-variables.js';
import { describeConfig, formatConfigMarkdown, redactConfig } from './describe-config.js';
import { loadConfig } from './load-config.js';

describe('describeConfig', () => {
  it('documents every variable the loader reads', () => {
    const described = describeConfig();
    expect(described.map((variable) => variable.name)).toEqual(Object.keys(CONFIG_VARIABLES));
    for (const variable of described) expect(variable.description.length).toBeGreaterThan(10);
    expect(described.find((variable) => variable.name === 'PORT')?.defaultValue).toBe('3000');
    expect(described.find((variable) => variable.name === 'OPENAI_API_KEY')?.secret).toBe(true);
  });

  it('shows the same defaults the loader applies', () => {
    const config = loadConfig({});
    const defaults = Object.fromEntries(
      describeConfig().map((variable) => [variable.name, variable.defaultValue]),
    );
    expect(defaults.PORT).toBe(String(config.server.port));
    expect(defaults.HOST).toBe(config.server.host);
    expect(defaults.LOG_LEVEL).toBe(config.logging.level);
    expect(defaults.LOG_REDACT_PII).toBe(String(config.logging.redactPii));
    expect(defaults.SHUTDOWN_TIMEOUT_MS).toBe(String(config.server.shutdownTimeoutMs));
  });

  it('renders a Markdown table', () => {
    const table = formatConfigMarkdown();
    const lines = table.split('\n');
    expect(lines[0]).toBe('| Variable | Default | Meaning |');
    expect(lines).toHaveLength(Object.keys(CONFIG_VARIABLES).length + 2);
    expect(table).toContain('| `PORT` | `3000` |');
    expect(table).toContain('| `PUBLIC_URL` | (unset) |');
  });
});

describe('redactConfig', () => {
  it('hides secrets and keeps everything else', () => {
    const config = loadConfig({
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'hunter2',
      OPENAI_API_KEY: 'sk-live',
    });
    const text = JSON.stringify(redactConfig(config));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('sk-live');
    expect(text).toContain(`AC${'a'.repeat(32)}`);
    expect(text).toContain('[set]');
  });
});
