/** Result of filling a template. */
export interface RenderedTemplate {
  readonly text: string;
  /** Placeholder names with no value (rendered as empty text), each once, in order of appearance. */
  readonly missing: readonly string[];
}

// `{{ name }}`; the name may hold letters, digits, underscores, dots and dashes.
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/**
 * Fills `{{name}}` placeholders from `variables`. Never throws: an unknown name becomes empty
 * text and is listed in `missing`, so the caller can log it.
 *
 * @example
 * renderTemplate('Hi from {{business_name}}', { business_name: 'Acme Motors' }).text; // 'Hi from Acme Motors'
 */
export function renderTemplate(
  text: string,
  variables: Readonly<Record<string, string>>,
): RenderedTemplate {
  const missing: string[] = [];
  const rendered = text.replace(PLACEHOLDER, (_placeholder, name: string) => {
    // Own properties only: a template must not reach `constructor` or `__proto__`.
    if (Object.hasOwn(variables, name)) return variables[name] ?? '';
    if (!missing.includes(name)) missing.push(name);
    return '';
  });
  return { text: rendered, missing };
}

/** Names of the placeholders in `text`, each once, in order of appearance. */
export function listTemplateVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}
