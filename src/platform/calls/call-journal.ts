import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CallEvent } from '../../engine/call-events.js';

/** What a journal knows about its call before any event: enough to adopt it without a row. */
export interface CallJournalHeader {
  readonly type: 'journal-header';
  readonly version: 1;
  readonly callId: string;
  readonly orgId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly carrier: string;
  readonly carrierCallId: string;
  readonly from: string;
  readonly to: string;
  readonly agentId: string | null;
  readonly agentVersion: number | null;
  readonly agentName: string | null;
  readonly routedBy: string;
  readonly createdAt: string;
}

/**
 * A call's events, appended to a local file as they happen. The database is the record; the
 * journal is what survives when the database is away or the process dies, and what start-up
 * recovery replays. Writes go through a stream: the audio path never waits for the disk.
 */
export class CallJournal {
  readonly path: string;
  #stream: WriteStream | undefined;
  #failed = false;
  readonly #ready: Promise<void>;

  private constructor(path: string, header: CallJournalHeader, onError: (error: Error) => void) {
    this.path = path;
    this.#ready = mkdir(dirname(path), { recursive: true }).then(() => {
      this.#stream = createWriteStream(path, { flags: 'a' });
      this.#stream.on('error', (error) => {
        if (!this.#failed) onError(error);
        this.#failed = true;
      });
      this.#stream.write(`${JSON.stringify(header)}\n`);
      for (const line of this.#pending) this.#stream.write(line);
      this.#pending.length = 0;
    });
    this.#ready.catch((error: unknown) => {
      this.#failed = true;
      onError(error as Error);
    });
  }

  readonly #pending: string[] = [];

  static open(
    path: string,
    header: CallJournalHeader,
    onError: (error: Error) => void,
  ): CallJournal {
    return new CallJournal(path, header, onError);
  }

  append(event: CallEvent): void {
    if (this.#failed) return;
    const line = `${JSON.stringify(event)}\n`;
    if (this.#stream === undefined) this.#pending.push(line);
    else this.#stream.write(line);
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    await this.#ready.catch(() => undefined);
    const stream = this.#stream;
    if (stream === undefined || stream.closed) return;
    await new Promise<void>((resolve) => stream.end(resolve));
  }
}

/** A journal read back: a half-written last line (the process died mid-write) is dropped. */
export async function readCallJournal(
  path: string,
): Promise<{ header: CallJournalHeader; events: CallEvent[] } | undefined> {
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const parsed: unknown[] = [];
  for (const line of lines) {
    try {
      parsed.push(JSON.parse(line));
    } catch {
      break;
    }
  }
  const [header, ...events] = parsed as [CallJournalHeader | undefined, ...CallEvent[]];
  if (
    header?.type !== 'journal-header' ||
    typeof header.callId !== 'string' ||
    typeof header.orgId !== 'string'
  ) {
    return undefined;
  }
  return { header, events };
}
