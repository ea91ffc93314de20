import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { contrastRatio, type RgbColor } from '../../platform/email/color-contrast.js';

/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** CI sets CI_REQUIRE_CHROMIUM=1, so a missing browser fails instead of skipping. */
export const chromiumRequired = process.env.CI_REQUIRE_CHROMIUM === '1';
export const SCHEMES = ['light', 'dark'] as const;
export type ColorScheme = (typeof SCHEMES)[number];
/** What Chromium paints behind a page that sets no background, per scheme. */
const CANVAS: Record<ColorScheme, RgbColor> = {
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
export interface Legibility {
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

/** Renders HTML in headless Chromium and judges whether its text can be read. */
export interface LegibilityChecker {
  /** Every text node (or those containing `needle`), judged as painted in `scheme`. */
  inspect(html: string, scheme: ColorScheme, needle: string | null): Promise<Legibility[]>;
  close(): Promise<void>;
}

/**
 * Starts Chromium with one page per colour scheme and no network (an email must need none).
 * Throws when the browser is missing.
 */
export async function startLegibilityChecker(): Promise<LegibilityChecker> {
  if (!hasChromium) {
    throw new Error(`${CHROMIUM} is missing; install Debian's chromium package`);
  }
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM });
  const pages = new Map<ColorScheme, Page>();
  for (const scheme of SCHEMES) {
    const context = await browser.newContext({
      colorScheme: scheme,
      viewport: { width: 640, height: 900 },
    });
    await context.route('**/*', (route) => route.abort());
    pages.set(scheme, await context.newPage());
  }
  return {
    async inspect(html, scheme, needle) {
      const page = pages.get(scheme);
      if (page === undefined) throw new Error(`no page for ${scheme}`);
      await page.setContent(html, { waitUntil: 'load' });
      const probes = await page.evaluate(probeText, needle);
      return probes.map((probe) => judge(probe, CANVAS[scheme]));
    },
    close: () => browser.close(),
  };
}
