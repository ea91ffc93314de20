/**
 * Polls `condition` every 10 ms until it holds; rejects after `timeoutMs`. The generous default
 * keeps tests from depending on the speed of a shared, noisy machine.
 */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
