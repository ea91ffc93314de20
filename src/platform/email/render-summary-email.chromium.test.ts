import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio, type RgbColor } from './color-contrast.js';
import { renderEndpointPausedEmail } from './render-endpoint-paused-email.js';
import { renderSummaryEmail } from './render-summary-email.js';
import { sampleSummaryEmailInput } from './summary-email-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const chromiumRequired = process.env.CI_REQUIRE_CHROMIUM === '1';
const SCHEMES = ['light', 'dark'] as const;
/** What Chromium paints behind a page that sets no background, per scheme. */
const CANVAS: Record<(typeof SCHEMES)[number], RgbColor> = {
  light: { red: 255, green: 255, blue: 255 },
  dark: { red: 18, green: 18, blue: 18 },
};

/** What the page reports about the element that holds one piece of text. */
interface TextProbe {
  readonly text: string;
  readonly hidden: string[];
  readonly color: string;
  /** First ancestor background that is not transparent; null when only the canvas is behind. */
  readonly background: string | null;
}

/** A verdict on one piece of text as rendered. */
interface Legibility {
  readonly text: string;
  readonly legible: boolean;
  readonly contrast: number;
  readonly problems: string[];
}

/*
 * The project compiles without the DOM library (it is a Node program), so the little of the DOM
 * the probe touches is described here; the probe reaches it through `globalThis` in the page.
 */
interface ProbeElement {
  readonly tagName: string;
  readonly parentElement: ProbeElement | null;
  getBoundingClientRect(): { readonly width: number; readonly height: number };
}
interface ProbeStyle {
  readonly display: string;
  readonly visibility: string;
  readonly opacity: string;
  readonly color: string;
  readonly backgroundColor: string;
}
interface ProbeWindow {
  readonly document: {
    readonly body: unknown;
    createTreeWalker(
      root: unknown,
      whatToShow: number,
    ): {
      nextNode(): {
        readonly textContent: string | null;
        readonly parentElement: ProbeElement | null;
      } | null;
    };
  };
  getComputedStyle(element: ProbeElement): ProbeStyle;
}

/**
 * Runs in the page: for every text node (or only those containing `needle`), checks that its
 * element is painted (size, display, visibility, opacity up the tree) and reports its colour and
 * the colour behind it.
 */
function probeText(needle: string | null): TextProbe[] {
  const view = globalThis as unknown as ProbeWindow;
  const showText = 4; // NodeFilter.SHOW_TEXT
  const probes: TextProbe[] = [];
  const walker = view.document.createTreeWalker(view.document.body, showText);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    const element = node.parentElement;
    if (text === '' || element === null || (needle !== null && !text.includes(needle))) continue;
    const hidden: string[] = [];
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) hidden.push('zero-size box');
    const own = view.getComputedStyle(element);
    if (own.visibility !== 'visible') hidden.push(`visibility:${own.visibility}`);
    let background: string | null = null;
    for (
      let current: ProbeElement | null = element;
      current !== null;
      current = current.parentElement
    ) {
      const style = view.getComputedStyle(current);
      if (style.display === 'none')
        hidden.push(`display:none on <${current.tagName.toLowerCase()}>`);
      if (style.opacity !== '1')
        hidden.push(`opacity:${style.opacity} on <${current.tagName.toLowerCase()}>`);
      const color = style.backgroundColor;
      if (background === null && color !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(color)) {
        background = color;
      }
    }
    probes.push({ text: text.slice(0, 60), hidden, color: own.color, background });
  }
  return probes;
}

function parseCssColor(value: string): { color: RgbColor; alpha: number } | undefined {
  const match = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(value);
  if (match === null) return undefined;
  return {
    color: { red: Number(match[1]), green: Number(match[2]), blue: Number(match[3]) },
    alpha: match[4] === undefined ? 1 : Number(match[4]),
  };
}

function judge(probe: TextProbe, canvas: RgbColor): Legibility {
  const problems = [...probe.hidden];
  const foreground = parseCssColor(probe.color);
  const background =
    probe.background === null ? { color: canvas, alpha: 1 } : parseCssColor(probe.background);
  if (foreground === undefined || background === undefined) {
    problems.push(`unreadable colours ${probe.color} on ${probe.background ?? 'canvas'}`);
    return { text: probe.text, legible: false, contrast: 0, problems };
  }
  if (foreground.alpha < 1) problems.push(`translucent text ${probe.color}`);
  if (background.alpha < 1) problems.push(`translucent background ${probe.background ?? ''}`);
  const contrast = contrastRatio(foreground.color, background.color);
  if (contrast < 4.5) problems.push(`contrast ${contrast.toFixed(2)}:1 below 4.5:1`);
  return { text: probe.text, legible: problems.length === 0, contrast, problems };
}

describe.skipIf(!hasChromium && !chromiumRequired)('the summary email in headless Chromium', () => {
  let browser: Browser;
  const pages = new Map<(typeof SCHEMES)[number], Page>();

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error(
        `CI_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing; install Debian's chromium package`,
      );
    }
    browser = await chromium.launch({ executablePath: CHROMIUM });
    for (const scheme of SCHEMES) {
      const context = await browser.newContext({
        colorScheme: scheme,
        viewport: { width: 640, height: 900 },
      });
      // No network: the email must not need any.
      await context.route('**/*', (route) => route.abort());
      pages.set(scheme, await context.newPage());
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function inspect(html: string, scheme: (typeof SCHEMES)[number], needle: string | null) {
    const page = pages.get(scheme)!;
    await page.setContent(html, { waitUntil: 'load' });
    const probes = await page.evaluate(probeText, needle);
    return probes.map((probe) => judge(probe, CANVAS[scheme]));
  }

  for (const scheme of SCHEMES) {
    it(`shows the summary legibly in ${scheme} mode`, async () => {
      const input = sampleSummaryEmailInput();
      const needle = 'Dana called to book an oil change';
      const results = await inspect(renderSummaryEmail(input).html, scheme, needle);
      expect(results).toHaveLength(1);
      expect(results[0]?.problems).toEqual([]);
      expect(results[0]?.contrast).toBeGreaterThanOrEqual(4.5);
    });

    it(`shows every piece of text legibly in ${scheme} mode`, async () => {
      const emails = [
        renderSummaryEmail(sampleSummaryEmailInput()).html,
        renderSummaryEmail(
          sampleSummaryEmailInput({
            analysis: { summary: null, unavailableReason: 'the model timed out' },
          }),
        ).html,
        renderEndpointPausedEmail({
          organizationName: 'Acme Motors',
          endpointUrl: 'https://hooks.example.com/switchboard',
          consecutiveFailures: 20,
          lastError: 'HTTP 503',
          settingsUrl: 'https://switchboard.example.com/settings/webhooks',
        }).html,
      ];
      for (const html of emails) {
        const results = await inspect(html, scheme, null);
        expect(results.length).toBeGreaterThan(5);
        expect(results.filter((result) => !result.legible)).toEqual([]);
      }
    });
  }

  it('catches text that would be invisible, so the checks above can fail', async () => {
    const bad = [
      '<table><tr><td style="background-color:#ffffff"><p style="color:#ffffff">WHITE ON WHITE</p></td></tr></table>',
      '<p style="color:#ffffff">WHITE ON THE CANVAS</p>',
      '<div style="display:none"><p style="color:#000000">NOT DISPLAYED</p></div>',
      '<p style="color:#000000;opacity:0">TRANSPARENT</p>',
      '<p style="color:rgba(0,0,0,0.2);background-color:#ffffff">FAINT</p>',
    ].join('');
    const html = `<!DOCTYPE html><html><head><meta name="color-scheme" content="light dark"></head><body>${bad}</body></html>`;
    const light = await inspect(html, 'light', null);
    expect(light.map((result) => [result.text, result.legible])).toEqual([
      ['WHITE ON WHITE', false],
      ['WHITE ON THE CANVAS', false],
      ['NOT DISPLAYED', false],
      ['TRANSPARENT', false],
      ['FAINT', false],
    ]);
    expect(light[0]?.contrast).toBe(1);
    // The dark canvas makes bare white text readable: the check is about what is painted.
    const dark = await inspect(html, 'dark', 'WHITE ON THE CANVAS');
    expect(dark[0]?.legible).toBe(true);
  });
});
