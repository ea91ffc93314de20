/*
 * Reading and writing JSON by dotted path (`turnTaking.vad.minSpeechMs`), the same spelling the
 * API uses for field errors, so a form field, its value and its error share one key.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path`, or undefined when any step is missing. */
export function getPath(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const key of path.split('.')) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Sets `path` inside `target` (mutating it), creating the objects on the way. */
export function setPath(target: JsonObject, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop();
  if (last === undefined) return;
  let current = target;
  for (const key of keys) {
    const next = current[key];
    if (isJsonObject(next)) current = next;
    else {
      const created: JsonObject = {};
      current[key] = created;
      current = created;
    }
  }
  current[last] = value;
}

/** Removes `path` from `target` (mutating it), so the server applies its default. */
export function deletePath(target: JsonObject, path: string): void {
  const keys = path.split('.');
  const last = keys.pop();
  if (last === undefined) return;
  const parent = keys.length === 0 ? target : getPath(target, keys.join('.'));
  if (isJsonObject(parent)) delete parent[last];
}

/** A deep copy of plain JSON data (the API's definitions are nothing else). */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

export function readText(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

export function readNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function readBoolean(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

export function readList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function readObject(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}
