/** One server-sent event: its `event:` name (if any) and its `data:` lines joined by `\n`. */
export interface SseEvent {
  readonly event: string | undefined;
  readonly data: string;
}

/**
 * Incremental server-sent-events decoder. Feed it decoded text in whatever pieces the network
 * delivers; it handles lines split across pieces, LF / CRLF / CR endings (including a CR at the
 * end of one piece and its LF at the start of the next), `:` comments (keep-alives) and `event:`
 * lines. `id:` and `retry:` are ignored: chat streams are never resumed.
 */
export class SseDecoder {
  #buffer = '';
  #skipLeadingLineFeed = false;
  #dataLines: string[] = [];
  #eventName: string | undefined;

  /** Adds text and returns the events it completed. */
  push(text: string): SseEvent[] {
    let input = text;
    if (this.#skipLeadingLineFeed && input.startsWith('\n')) input = input.slice(1);
    this.#skipLeadingLineFeed = false;
    this.#buffer += input;
    const events: SseEvent[] = [];
    let lineStart = 0;
    const lineBreak = /[\r\n]/g;
    for (
      let match = lineBreak.exec(this.#buffer);
      match !== null;
      match = lineBreak.exec(this.#buffer)
    ) {
      const breakAt = match.index;
      let next = breakAt + 1;
      if (this.#buffer[breakAt] === '\r') {
        if (next < this.#buffer.length) {
          if (this.#buffer[next] === '\n') next += 1;
        } else {
          // A CR ends the piece: its LF, if any, arrives first thing in the next piece.
          this.#skipLeadingLineFeed = true;
        }
      }
      this.#acceptLine(this.#buffer.slice(lineStart, breakAt), events);
      lineStart = next;
      lineBreak.lastIndex = next;
    }
    this.#buffer = this.#buffer.slice(lineStart);
    return events;
  }

  /** The stream ended: returns the last event even when its blank line never came. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.#buffer !== '') this.#acceptLine(this.#buffer, events);
    this.#buffer = '';
    this.#dispatch(events);
    return events;
  }

  #acceptLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      this.#dispatch(events);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#dataLines.push(value);
    else if (field === 'event') this.#eventName = value;
  }

  #dispatch(events: SseEvent[]): void {
    if (this.#dataLines.length > 0) {
      events.push({ event: this.#eventName, data: this.#dataLines.join('\n') });
    }
    this.#dataLines = [];
    this.#eventName = undefined;
  }
}
