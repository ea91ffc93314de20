import { WebSocket, type RawData } from 'ws';

/** A bare WebSocket client for testing a fake's wire protocol without a provider in between. */
export interface RawSocketClient {
  readonly socket: WebSocket;
  /** Text frames received so far, parsed as JSON objects. */
  readonly texts: Array<Record<string, unknown>>;
  /** Bytes of binary frames received so far. */
  binaryBytes(): number;
  /** Resolves with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Sends `message` as a JSON text frame. */
  send(message: Record<string, unknown>): void;
  /** Resolves with the first text frame (already received or still to come) matching `predicate`. */
  waitForText(
    predicate: (message: Record<string, unknown>) => boolean,
  ): Promise<Record<string, unknown>>;
}

/** Opens a client socket to `url` with `headers`; rejects when the upgrade is refused. */
export async function connectRawSocketClient(
  url: string,
  headers: Record<string, string>,
): Promise<RawSocketClient> {
  const socket = new WebSocket(url, { headers });
  const texts: Array<Record<string, unknown>> = [];
  let binary = 0;
  const waiters: Array<() => void> = [];
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = data as Buffer;
    if (isBinary) binary += bytes.length;
    else texts.push(JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
    for (const waiter of waiters.splice(0)) waiter();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code: number, reason: Buffer) =>
      resolve({ code, reason: reason.toString('utf8') }),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    texts,
    binaryBytes: () => binary,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    async waitForText(predicate) {
      for (;;) {
        const found = texts.find(predicate);
        if (found !== undefined) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}
