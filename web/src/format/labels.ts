/** "no-answer" → "No answer", "in-progress" → "In progress". */
export function humanize(value: string): string {
  const words = value.replace(/[-_]+/g, ' ').trim();
  return words === '' ? value : words.charAt(0).toUpperCase() + words.slice(1);
}

/** A phone number as the API gave it; an empty one reads "unknown". */
export function formatNumber(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return 'unknown';
  // Test calls from the dashboard come "from" the browser of whoever placed them.
  if (value.startsWith('browser:')) return 'the browser (test call)';
  return value;
}
