import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** The files one run wrote, relative to its screenshot folder. */
export type ScreenshotSet = string[];

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 860 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/**
 * Screenshots of the page as it is now, in light and dark, at desktop and phone width:
 * `<name>-<scheme>-<viewport>.png`. The page is left at desktop width in light mode.
 */
export async function takeScreenshots(
  page: Page,
  name: string,
  directory: string,
): Promise<ScreenshotSet> {
  const written: string[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      // Charts and the waveform redraw on resize and theme change.
      await page.waitForTimeout(250);
      const file = `${name}-${scheme}-${viewport.name}.png`;
      await page.screenshot({ path: join(directory, file), fullPage: true });
      written.push(file);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
  return written;
}
