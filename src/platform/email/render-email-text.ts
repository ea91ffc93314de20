import type { EmailBlock, EmailDocument } from './email-document.js';

function renderBlock(block: EmailBlock): string {
  switch (block.kind) {
    case 'callout':
      return `${block.title}\n${'-'.repeat(block.title.length)}\n${block.text.trim()}`;
    case 'paragraph':
      return block.text.trim();
    case 'facts':
      return [block.title, ...block.facts.map((fact) => `- ${fact.label}: ${fact.value}`)].join(
        '\n',
      );
    case 'list':
      return [block.title, ...block.items.map((item) => `- ${item}`)].join('\n');
    case 'button':
      return block.url === null
        ? `${block.label}: the link is unavailable.`
        : `${block.label}: ${block.url}`;
  }
}

/** The plain-text part: the same facts as the HTML, for clients and readers that want text. */
export function renderEmailText(document: EmailDocument): string {
  const parts = [
    document.eyebrow,
    document.heading,
    ...document.blocks.map(renderBlock),
    `--\n${document.footer}`,
  ];
  // Normalise line endings; nodemailer turns them into CRLF on the wire.
  return `${parts.join('\n\n').replace(/\r\n?/g, '\n')}\n`;
}
