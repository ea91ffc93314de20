import { describe, expect, it } from 'vitest';
import { renderEndpointPausedEmail } from './render-endpoint-paused-email.js';
import { renderSummaryEmail } from './render-summary-email.js';
import { sampleSummaryEmailInput } from './summary-email-fixture.js';

/** Every value of a colour-bearing property in the inline styles and bgcolor attributes. */
function colourValues(html: string): string[] {
  const values: string[] = [];
  for (const [, style = ''] of html.matchAll(/style="([^"]*)"/g)) {
    for (const declaration of style.split(';')) {
      const [property = '', ...rest] = declaration.split(':');
      const value = rest.join(':').trim();
      if (
        /color|background|border/i.test(property) &&
        /#|rgb|hsl|transparent|gradient/i.test(value)
      ) {
        values.push(value);
      }
    }
  }
  for (const [, value = ''] of html.matchAll(/bgcolor="([^"]*)"/g)) values.push(value);
  return values;
}

function assertLegibleMarkup(html: string): void {
  expect(html).not.toMatch(/<style/i);
  expect(html).not.toMatch(/\sclass=/i);
  expect(html).not.toMatch(/<link/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/url\(/i);
  expect(html).not.toMatch(/rgba|hsla|transparent|gradient|opacity/i);
  expect(html).toContain('<meta name="color-scheme" content="light dark">');
  expect(html).toContain('<meta name="supported-color-schemes" content="light dark">');
  const colours = colourValues(html);
  expect(colours.length).toBeGreaterThan(10);
  for (const value of colours) {
    // A border shorthand carries width and style before its colour.
    expect(value.replace(/^\d+px solid /, '')).toMatch(/^#[0-9a-f]{6}$/);
  }
  // Every cell declares its background twice and its text colour.
  for (const [cell = ''] of html.matchAll(/<td[^>]*>/g)) {
    expect(cell).toMatch(/bgcolor="#[0-9a-f]{6}"/);
    expect(cell).toMatch(/background-color:#[0-9a-f]{6}/);
    expect(cell).toMatch(/[;"]color:#[0-9a-f]{6}/);
  }
  // And so does every element that holds text.
  for (const [element = ''] of html.matchAll(/<(?:p|h1|a|span|strong)\b[^>]*>/g)) {
    expect(element).toMatch(/[;"]color:#[0-9a-f]{6}/);
  }
}

describe('renderSummaryEmail', () => {
  it('leads the subject with the caller and the outcome', () => {
    const { subject } = renderSummaryEmail(sampleSummaryEmailInput());
    expect(subject).toBe('Call from +1 415 555 0123 · Booked oil change · 2m 14s');
    const outbound = renderSummaryEmail(
      sampleSummaryEmailInput({
        call: { direction: 'outbound', durationMs: null, disposition: 'no_answer' },
        appointments: [],
      }),
    );
    expect(outbound.subject).toBe('Call to +1 415 555 0199 · No answer');
    const voicemail = renderSummaryEmail(
      sampleSummaryEmailInput({ analysis: { voicemail: true }, appointments: [] }),
    );
    expect(voicemail.subject).toContain('· Voicemail ·');
  });

  it('keeps a multi-line, hostile caller id to one subject line', () => {
    const { subject } = renderSummaryEmail(
      sampleSummaryEmailInput({ call: { from: 'evil\r\nBcc: someone@example.com' } }),
    );
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('builds markup every client can show legibly', () => {
    const { html } = renderSummaryEmail(sampleSummaryEmailInput());
    assertLegibleMarkup(html);
    expect(html).toContain(
      'href="https://switchboard.example.com/calls/3f1c2b9e-6d1a-4c35-9b8e-2a7f0c1d4e5f"',
    );
    expect(html).toContain('Open the call');
  });

  it('shows every fact in both parts', () => {
    const { html, text } = renderSummaryEmail(sampleSummaryEmailInput());
    for (const part of [html, text]) {
      expect(part).toContain('Dana called to book an oil change');
      expect(part).toContain('+1 415 555 0123');
      expect(part).toContain('+1 415 555 0199');
      expect(part).toContain('Front desk');
      expect(part).toContain('Tue, Jan 14, 2025, 2:03 PM PST');
      expect(part).toContain('2m 14s');
      expect(part).toContain('Booked oil change');
      expect(part).toContain('Achieved — An appointment was booked.');
      expect(part).toContain('Positive');
      expect(part).toContain('Customer name');
      expect(part).toContain('Vehicle year');
      expect(part).toContain('Needs shuttle');
      expect(part).toContain('Not provided');
      expect(part).toContain('Oil change: Thu, Jan 16, 2025, 9:00 AM PST (confirmed)');
      expect(part).toContain('check_availability, book_appointment');
    }
    expect(html).toContain('[&quot;Thu 9:00&quot;,&quot;Fri 8:30&quot;]');
    expect(html).toContain(
      '{&quot;make&quot;:&quot;Honda&quot;,&quot;model&quot;:&quot;Civic&quot;}',
    );
    expect(text).toContain('- Preferred times: ["Thu 9:00","Fri 8:30"]');
    expect(text).toContain('- Vehicle: {"make":"Honda","model":"Civic"}');
    expect(text).toContain(
      'Open the call: https://switchboard.example.com/calls/3f1c2b9e-6d1a-4c35-9b8e-2a7f0c1d4e5f',
    );
  });

  it('escapes every interpolated string', () => {
    const hostile = '<script>alert("x")</script> & <b onmouseover=\'y\'>';
    const { html, text } = renderSummaryEmail(
      sampleSummaryEmailInput({
        organizationName: hostile,
        call: { agentName: hostile, from: hostile },
        analysis: { summary: `Tom & Jerry ${hostile}`, fields: { [hostile]: hostile } },
        appointments: [{ id: 'x', serviceType: hostile, startsAt: hostile, status: hostile }],
      }),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b ');
    expect(html).toContain(
      'Tom &amp; Jerry &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;',
    );
    expect(html).toContain('&lt;b onmouseover=&#39;y&#39;&gt;');
    assertLegibleMarkup(html);
    // The plain-text part is text: it keeps the characters as they are.
    expect(text).toContain(`Tom & Jerry ${hostile}`);
  });

  it('links only to http(s) addresses', () => {
    for (const dashboardUrl of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'not a url',
      '/calls/1',
    ]) {
      const { html, text } = renderSummaryEmail(sampleSummaryEmailInput({ dashboardUrl }));
      expect(html).not.toContain('href=');
      expect(html).toContain('Open the call: the link is unavailable.');
      expect(text).toContain('Open the call: the link is unavailable.');
    }
    const quoted = renderSummaryEmail(
      sampleSummaryEmailInput({ dashboardUrl: 'https://host/calls/1?a="><script>' }),
    );
    expect(quoted.html).not.toContain('"><script>');
  });

  it('says why the summary is unavailable', () => {
    const { html, text, subject } = renderSummaryEmail(
      sampleSummaryEmailInput({
        analysis: {
          source: 'derived',
          summary: null,
          sentiment: null,
          success: null,
          fields: null,
          unavailable: ['summary', 'sentiment', 'fields'],
          unavailableReason: 'the language model timed out',
        },
        appointments: [],
        call: { disposition: null },
      }),
    );
    expect(subject).toBe('Call from +1 415 555 0123 · Completed · 2m 14s');
    for (const part of [html, text]) {
      expect(part).toContain('Summary unavailable');
      expect(part).toContain(
        'No summary is available for this call. Reason: the language model timed out',
      );
      expect(part).toContain('Not available: Summary, Sentiment, Fields.');
      expect(part).toContain('derived from the call record');
    }
    assertLegibleMarkup(html);
    const noReason = renderSummaryEmail(sampleSummaryEmailInput({ analysis: { summary: '  ' } }));
    expect(noReason.text).toContain('no reason was recorded');
  });
});

describe('renderEndpointPausedEmail', () => {
  it('names the endpoint, the failures and the last error, with a link to the settings', () => {
    const { subject, html, text } = renderEndpointPausedEmail({
      organizationName: 'Acme Motors',
      endpointUrl: 'https://hooks.example.com/switchboard?token=<x>',
      consecutiveFailures: 20,
      lastError: 'HTTP 503 <html>Service Unavailable</html>',
      settingsUrl: 'https://switchboard.example.com/settings/webhooks',
    });
    expect(subject).toBe('Webhook endpoint paused after 20 consecutive failed deliveries');
    assertLegibleMarkup(html);
    expect(html).toContain('https://hooks.example.com/switchboard?token=&lt;x&gt;');
    expect(html).not.toContain('href="https://hooks.example.com');
    expect(html).toContain('href="https://switchboard.example.com/settings/webhooks"');
    expect(html).toContain('HTTP 503 &lt;html&gt;Service Unavailable&lt;/html&gt;');
    expect(text).toContain('- Last error: HTTP 503 <html>Service Unavailable</html>');
    expect(text).toContain(
      'Open webhook settings: https://switchboard.example.com/settings/webhooks',
    );
    const single = renderEndpointPausedEmail({
      organizationName: 'Acme',
      endpointUrl: 'https://x',
      consecutiveFailures: 1,
      lastError: null,
      settingsUrl: 'ftp://x',
    });
    expect(single.subject).toContain('1 consecutive failed delivery');
    expect(single.text).toContain('None recorded');
    expect(single.text).toContain('Open webhook settings: the link is unavailable.');
  });
});
