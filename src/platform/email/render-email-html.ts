import type { EmailBlock, EmailDocument } from './email-document.js';
import { emailPalette, emailTones } from './email-palette.js';

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TABLE = 'role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"';

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escaped, with line breaks kept. */
function escapeMultiline(text: string): string {
  return escapeHtml(text.trim()).replace(/\r\n?|\n/g, '<br>');
}

/**
 * A table cell that declares its background twice (`bgcolor` for Outlook's Word engine, the style
 * for everyone else) and its text colour, so no client has to guess either.
 */
function cell(
  background: string,
  color: string,
  style: string,
  content: string,
  attributes = '',
): string {
  return `<td${attributes} bgcolor="${background}" style="background-color:${background};color:${color};${FONT}${style}">${content}</td>`;
}

function row(content: string): string {
  return `<tr>${content}</tr>`;
}

function sectionTitle(title: string): string {
  return `<p style="margin:0 0 8px;color:${emailPalette.text};font-size:15px;line-height:22px;font-weight:bold;">${escapeHtml(title)}</p>`;
}

function renderFacts(title: string, facts: readonly { label: string; value: string }[]): string {
  const border = `border-top:1px solid ${emailPalette.border};`;
  const rows = facts
    .map((fact) =>
      row(
        cell(
          emailPalette.card,
          emailPalette.mutedText,
          `${border}padding:6px 12px 6px 0;font-size:14px;line-height:20px;width:38%;vertical-align:top;`,
          escapeHtml(fact.label),
        ) +
          cell(
            emailPalette.card,
            emailPalette.text,
            `${border}padding:6px 0;font-size:14px;line-height:20px;vertical-align:top;`,
            escapeMultiline(fact.value),
          ),
      ),
    )
    .join('');
  return `${sectionTitle(title)}<table ${TABLE}>${rows}</table>`;
}

function renderButton(label: string, url: string | null): string {
  if (url === null) {
    return `<p style="margin:0;color:${emailPalette.text};font-size:14px;line-height:20px;">${escapeHtml(label)}: the link is unavailable.</p>`;
  }
  const href = escapeHtml(url);
  const link = `<a href="${href}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 24px;color:${emailPalette.buttonText};background-color:${emailPalette.button};font-size:16px;line-height:20px;font-weight:bold;text-decoration:none;${FONT}">${escapeHtml(label)}</a>`;
  const button = `<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>${cell(emailPalette.button, emailPalette.buttonText, 'border-radius:6px;', link)}</tr></table>`;
  // The address in full too: some clients strip links and some readers copy them.
  const fallback = `<p style="margin:12px 0 0;color:${emailPalette.mutedText};font-size:13px;line-height:18px;word-break:break-all;">Or paste this address into your browser: <a href="${href}" style="color:${emailPalette.link};text-decoration:underline;">${escapeHtml(url)}</a></p>`;
  return button + fallback;
}

function renderBlock(block: EmailBlock): string {
  switch (block.kind) {
    case 'callout': {
      const tone = emailTones[block.tone];
      const title = `<p style="margin:0 0 6px;color:${tone.text};font-size:13px;line-height:18px;font-weight:bold;text-transform:uppercase;letter-spacing:0.5px;">${escapeHtml(block.title)}</p>`;
      const text = `<p style="margin:0;color:${tone.text};font-size:16px;line-height:24px;">${escapeMultiline(block.text)}</p>`;
      return `<table ${TABLE}>${row(cell(tone.background, tone.text, `border-left:4px solid ${tone.border};padding:14px 16px;`, title + text))}</table>`;
    }
    case 'paragraph':
      return `<p style="margin:0;color:${emailPalette.text};font-size:14px;line-height:20px;">${escapeMultiline(block.text)}</p>`;
    case 'facts':
      return renderFacts(block.title, block.facts);
    case 'list': {
      const items = block.items.map((item) =>
        row(
          cell(
            emailPalette.card,
            emailPalette.text,
            'padding:4px 0;font-size:14px;line-height:20px;',
            `&#8226;&nbsp;${escapeMultiline(item)}`,
          ),
        ),
      );
      return `${sectionTitle(block.title)}<table ${TABLE}>${items.join('')}</table>`;
    }
    case 'button':
      return renderButton(block.label, block.url);
  }
}

/**
 * The HTML part. Built for the least capable clients: nested tables, inline styles only (no
 * `<style>`, classes, web fonts or images), solid hex colours, and an explicit text colour and
 * background on every cell, so a dark mode can never turn the text the colour of its background.
 */
export function renderEmailHtml(document: EmailDocument, title: string): string {
  const { page, pageText, card, header, headerText } = emailPalette;
  const headerCell = cell(
    header,
    headerText,
    'padding:20px 24px;',
    `<p style="margin:0 0 4px;color:${headerText};font-size:13px;line-height:18px;">${escapeHtml(document.eyebrow)}</p>` +
      `<h1 style="margin:0;color:${headerText};font-size:20px;line-height:28px;font-weight:bold;${FONT}">${escapeHtml(document.heading)}</h1>`,
  );
  const bodyRows = document.blocks
    .map((block) => row(cell(card, emailPalette.text, 'padding:16px 24px 0;', renderBlock(block))))
    .join('');
  const spacer = row(
    cell(
      card,
      emailPalette.text,
      'padding:0;height:24px;line-height:24px;font-size:1px;',
      '&nbsp;',
    ),
  );
  const footer = cell(
    page,
    pageText,
    'padding:16px 24px;font-size:12px;line-height:18px;',
    escapeHtml(document.footer),
    ' align="center"',
  );
  const innerTable = `<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="${card}" style="width:100%;max-width:600px;background-color:${card};border:1px solid ${emailPalette.border};">${row(headerCell)}${bodyRows}${spacer}</table>`;
  const outer = `<table ${TABLE} bgcolor="${page}" style="background-color:${page};">${row(cell(page, pageText, 'padding:24px 12px 0;', innerTable, ' align="center"'))}${row(footer)}</table>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="supported-color-schemes" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    `<body bgcolor="${page}" style="margin:0;padding:0;background-color:${page};color:${pageText};${FONT}">`,
    outer,
    '</body>',
    '</html>',
  ].join('\n');
}
