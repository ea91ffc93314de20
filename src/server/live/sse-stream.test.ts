import { describe, expect, it } from 'vitest';
import { createSseStream, type SseWriter } from './sse-stream.js';

const decoder = new TextDecoder();

async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
  return text;
}

describe('createSseStream', () => {
  it('writes named events with one JSON data line and ends on close', async () => {
    let freed = 0;
    const stream = createSseStream((writer) => {
      writer.send('snapshot', { text: 'two\nlines' });
      writer.send('call-event', { seq: 1 });
      writer.close();
      expect(writer.send('late', {})).toBe(false);
      return () => freed++;
    });
    expect(await readText(stream)).toBe(
      'event: snapshot\ndata: {"text":"two\\nlines"}\n\nevent: call-event\ndata: {"seq":1}\n\n',
    );
    expect(freed).toBe(1);
  });

  it('sends keep-alive comments while idle', async () => {
    const stream = createSseStream(() => undefined, { keepAliveMs: 10 });
    const reader = stream.getReader();
    const { value } = await reader.read();
    expect(decoder.decode(value)).toBe(': keep-alive\n\n');
    await reader.cancel();
  });

  it('frees the producer once when the client goes away', async () => {
    let freed = 0;
    let writer: SseWriter | undefined;
    const stream = createSseStream((opened) => {
      writer = opened;
      return () => freed++;
    });
    await stream.cancel();
    expect(freed).toBe(1);
    expect(writer?.send('call-event', {})).toBe(false);
    writer?.close();
    expect(freed).toBe(1);
  });

  it('drops a client that never reads instead of queueing without bound', async () => {
    let freed = 0;
    let overflowed = 0;
    let writer: SseWriter | undefined;
    const stream = createSseStream(
      (opened) => {
        writer = opened;
        return () => freed++;
      },
      { maxQueuedBytes: 64 * 1024, onOverflow: () => overflowed++ },
    );
    const payload = { text: 'x'.repeat(1000) };
    let accepted = 0;
    for (let index = 0; index < 100_000; index++) {
      if (!writer?.send('call-event', payload)) break;
      accepted++;
    }
    // About 64 KiB of ~1 KiB messages went into the queue, then the client was cut off.
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(80);
    expect(freed).toBe(1);
    expect(overflowed).toBe(1);
    await expect(stream.getReader().read()).rejects.toThrow('fell behind');
  });

  it('keeps a client that reads as fast as events come', async () => {
    let writer: SseWriter | undefined;
    const stream = createSseStream(
      (opened) => {
        writer = opened;
      },
      { maxQueuedBytes: 4 * 1024 },
    );
    const reader = stream.getReader();
    for (let index = 0; index < 1000; index++) {
      expect(writer?.send('call-event', { index, text: 'y'.repeat(500) })).toBe(true);
      await reader.read();
    }
    writer?.close();
    expect((await reader.read()).done).toBe(true);
  });
});
