/** What the simulated caller needs from the server's TwiML answer. */
export type TwimlAnswer =
  | { readonly kind: 'stream'; readonly url: string; readonly parameters: Record<string, string> }
  | { readonly kind: 'say'; readonly text: string }
  | { readonly kind: 'other'; readonly body: string };

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Reads `<Connect><Stream url>` with its `<Parameter>`s, or a `<Say>`, from a TwiML document. */
export function parseTwimlAnswer(body: string): TwimlAnswer {
  const stream = /<Stream\b[^>]*\burl="([^"]*)"/.exec(body);
  if (stream?.[1] !== undefined) {
    const parameters: Record<string, string> = {};
    for (const match of body.matchAll(
      /<Parameter\b[^>]*?\bname="([^"]*)"[^>]*?\bvalue="([^"]*)"/g,
    )) {
      parameters[unescapeXml(match[1] ?? '')] = unescapeXml(match[2] ?? '');
    }
    return { kind: 'stream', url: unescapeXml(stream[1]), parameters };
  }
  const say = /<Say\b[^>]*>([\s\S]*?)<\/Say>/.exec(body);
  if (say?.[1] !== undefined) return { kind: 'say', text: unescapeXml(say[1]) };
  return { kind: 'other', body };
}
