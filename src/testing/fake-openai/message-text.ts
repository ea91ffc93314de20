import type { ChatRequestMessage } from './fake-openai-types.js';

/** Plain text of a message, whether its content is a string or an array of text parts. */
export function textOf(message: ChatRequestMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => part.text ?? '').join(' ');
  return '';
}
