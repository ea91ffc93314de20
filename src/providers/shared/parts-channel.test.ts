import { describe, expect, it } from 'vitest';
import { readAll } from '../../testing/shared/read-all.js';
import { PartsChannel } from './parts-channel.js';

describe('PartsChannel', () => {
  it('delivers pushed parts and the last part, then drops anything later', async () => {
    const channel = new PartsChannel<string>();
    channel.push('a');
    channel.end('last');
    channel.push('late');
    channel.end('again');
    expect(channel.isOpen).toBe(false);
    expect(await readAll(channel.readable)).toEqual(['a', 'last']);
  });

  it('can close without a last part', async () => {
    const channel = new PartsChannel<string>();
    channel.push('a');
    channel.end();
    expect(await readAll(channel.readable)).toEqual(['a']);
  });

  it('runs onCancel once when the consumer cancels, and ignores pushes after', async () => {
    let cancels = 0;
    const channel = new PartsChannel<string>(() => {
      cancels += 1;
    });
    await channel.readable.cancel();
    channel.push('ignored');
    channel.end('ignored');
    expect(cancels).toBe(1);
    expect(channel.isOpen).toBe(false);
  });
});
