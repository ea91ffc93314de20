/** Immutable list edits for the editor's rows (the draft is never mutated in place). */

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((current, position) => (position === index ? item : current));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_item, position) => position !== index);
}

/** Moves focus to the first field of a row just added, so keyboard users land in it. */
export function focusFirstField(containerId: string): void {
  requestAnimationFrame(() => {
    const container = document.getElementById(containerId);
    container?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  });
}
