import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumRequired,
  hasChromium,
  SCHEMES,
  startLegibilityChecker,
  type ColorScheme,
  type LegibilityChecker,
} from '../../testing/email-legibility/email-legibility.js';
import { renderEndpointPausedEmail } from './render-endpoint-paused-email.js';
import { renderSummaryEmail } from './render-summary-email.js';
import { sampleSummaryEmailInput } from './summary-email-fixture.js';

describe.skipIf(!hasChromium && !chromiumRequired)('the summary email in headless Chromium', () => {
  let checker: LegibilityChecker;

  beforeAll(async () => {
    checker = await startLegibilityChecker();
  });
  afterAll(async () => {
    await checker?.close();
  });

  const inspect = (html: string, scheme: ColorScheme, needle: string | null) =>
    checker.inspect(html, scheme, needle);

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
