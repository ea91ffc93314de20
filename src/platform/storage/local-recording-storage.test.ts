import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalRecordingStorage } from './local-recording-storage.js';
import type { StoredRecording } from './recording-storage.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'local-storage-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function text(object: StoredRecording | undefined): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of object!.stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString();
}

describe('createLocalRecordingStorage', () => {
  it('stores, reads whole and in ranges, and deletes', async () => {
    const source = join(directory, 'source.wav');
    await writeFile(source, '0123456789');
    const storage = createLocalRecordingStorage({ directory: join(directory, 'store') });
    const key = 'org/7/calls/CA1.wav';
    const { location } = await storage.put(key, source, 'audio/wav');
    expect(location).toBe(`file://${join(directory, 'store', key)}`);
    expect(await readdir(join(directory, 'store/org/7/calls'))).toEqual(['CA1.wav']);

    const whole = await storage.open(key);
    expect(whole).toMatchObject({ size: 10, totalSize: 10, contentType: 'audio/wav' });
    expect(whole?.range).toBeUndefined();
    expect(await text(whole)).toBe('0123456789');

    const part = await storage.open(key, { start: 2, end: 5 });
    expect(part).toMatchObject({ size: 4, totalSize: 10, range: { start: 2, end: 5 } });
    expect(await text(part)).toBe('2345');
    expect(await text(await storage.open(key, { start: 7 }))).toBe('789');
    expect(await text(await storage.open(key, { start: 8, end: 99 }))).toBe('89');
    expect(await text(await storage.open(key, { suffixLength: 3 }))).toBe('789');
    await expect(storage.open(key, { start: 10 })).rejects.toMatchObject({
      code: 'range_not_satisfiable',
    });

    await storage.delete(key);
    expect(await storage.open(key)).toBeUndefined();
    await storage.delete(key);
  });

  it('refuses keys that are absolute or climb out of the folder', async () => {
    const storage = createLocalRecordingStorage({ directory });
    for (const key of ['/etc/passwd', '../x.wav', 'org/../../x.wav', 'a//b.wav', 'a\\b.wav', '']) {
      await expect(storage.open(key), key).rejects.toMatchObject({ code: 'invalid_key' });
      await expect(storage.delete(key), key).rejects.toMatchObject({ code: 'invalid_key' });
    }
  });

  it('reports a missing source file and leaves no partial file behind', async () => {
    const storage = createLocalRecordingStorage({ directory });
    await expect(
      storage.put('a/b.wav', join(directory, 'missing.wav'), 'audio/wav'),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await readdir(join(directory, 'a'))).toEqual([]);
  });
});
