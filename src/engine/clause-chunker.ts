/**
 * Cuts a streamed LLM reply into pieces a TTS can speak well: whole sentences, or clauses once a
 * sentence runs long. The first piece is cut eagerly (at the first clause break) because the
 * caller is waiting for it; later pieces favour whole sentences for natural prosody.
 */
export class ClauseChunker {
  #buffer = '';
  #emitted = 0;

  /** Adds streamed text; returns the pieces that are now complete. */
  push(text: string): string[] {
    this.#buffer += text;
    const pieces: string[] = [];
    for (;;) {
      const cut = this.#findCut();
      if (cut === undefined) break;
      const piece = this.#buffer.slice(0, cut).trim();
      this.#buffer = this.#buffer.slice(cut);
      if (piece.length > 0) {
        pieces.push(piece);
        this.#emitted++;
      }
    }
    return pieces;
  }

  /** The reply ended: whatever is left is the last piece. */
  flush(): string[] {
    const piece = this.#buffer.trim();
    this.#buffer = '';
    if (piece.length === 0) return [];
    this.#emitted++;
    return [piece];
  }

  #findCut(): number | undefined {
    const buffer = this.#buffer;
    const first = this.#emitted === 0;
    const minClause = first ? 8 : 40;
    let clauseCut: number | undefined;
    // A break counts only once the next character arrived, so "3.5" or "e.g." mid-token is not cut.
    for (let index = 0; index < buffer.length - 1; index++) {
      const character = buffer[index];
      const next = buffer[index + 1];
      if (next !== ' ' && next !== '\n') continue;
      if (character === '.' || character === '!' || character === '?' || character === '\n') {
        if (index + 1 >= 2 && !isAbbreviation(buffer, index)) return index + 1;
      } else if (
        (character === ',' || character === ';' || character === ':' || character === '—') &&
        index + 1 >= minClause &&
        clauseCut === undefined
      ) {
        clauseCut = index + 1;
      }
    }
    if (clauseCut !== undefined) return clauseCut;
    // A run-on without punctuation still has to be spoken eventually.
    if (buffer.length >= 160) {
      const space = buffer.lastIndexOf(' ', 150);
      if (space > 0) return space + 1;
    }
    return undefined;
  }
}

const abbreviations = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'jr',
  'sr',
]);

function isAbbreviation(buffer: string, periodIndex: number): boolean {
  if (buffer[periodIndex] !== '.') return false;
  const start = buffer.lastIndexOf(' ', periodIndex - 1) + 1;
  return abbreviations.has(buffer.slice(start, periodIndex).toLowerCase());
}
