import { SwitchboardError } from '../../errors/switchboard-error.js';

// `{{ name }}`, the same placeholder syntax as agent prompts (src/agents/render-template.ts).
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;
// Visible ASCII, space and tab only: CR or LF in a value would smuggle extra headers.
const HEADER_VALUE_PATTERN = /^[\t\x20-\x7e]*$/;

/** Replaces every `{{name}}` in `text` with what `replace` returns for it. */
export function replacePlaceholders(text: string, replace: (name: string) => string): string {
  return text.replace(PLACEHOLDER, (_placeholder, name: string) => replace(name));
}

/** True when `value` may be sent as an HTTP header value. */
export function isSafeHeaderValue(value: string): boolean {
  return HEADER_VALUE_PATTERN.test(value);
}

function variableValue(variables: Readonly<Record<string, string>>, name: string): string {
  // Own properties only: a template must not reach `constructor` or `__proto__`.
  const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
  if (value === undefined) {
    throw new SwitchboardError(`call variable "${name}" is not set`, {
      code: 'http_tool_variable_missing',
    });
  }
  return value;
}

/**
 * Fills the URL template from the call's variables. Each value is percent-encoded as one path
 * segment, so it can neither add path segments nor start a query or fragment.
 */
export function fillHttpToolUrl(
  template: string,
  variables: Readonly<Record<string, string>>,
): URL {
  const text = replacePlaceholders(template, (name) => {
    const value = variableValue(variables, name);
    // URL parsing resolves `.` and `..` segments even when percent-encoded: refuse them.
    if (value === '.' || value === '..') {
      throw new SwitchboardError(`call variable "${name}" is not a valid URL segment`, {
        code: 'http_tool_variable_invalid',
      });
    }
    return encodeURIComponent(value);
  });
  if (!URL.canParse(text)) {
    throw new SwitchboardError('the URL is not valid once the call variables are filled in', {
      code: 'http_tool_variable_invalid',
    });
  }
  return new URL(text);
}

/** Fills a header value template from the call's variables; refuses values that break headers. */
export function fillHttpToolHeader(
  template: string,
  variables: Readonly<Record<string, string>>,
): string {
  return replacePlaceholders(template, (name) => {
    const value = variableValue(variables, name);
    if (!isSafeHeaderValue(value)) {
      throw new SwitchboardError(`call variable "${name}" cannot be sent in a header`, {
        code: 'http_tool_variable_invalid',
      });
    }
    return value;
  });
}
