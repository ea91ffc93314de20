import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SwitchboardError } from '../../errors/switchboard-error.js';
import { assertRecordingKey, contentTypeForKey, resolveByteRange } from './recording-key.js';
import type { ByteRange, RecordingStorage, StoredRecording } from './recording-storage.js';

/** Settings of {@link createLocalRecordingStorage}. */
export interface LocalRecordingStorageSettings {
  /** The folder that holds every object; created when missing. */
  readonly directory: string;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/**
 * Keeps recordings as files under one folder, a key being the path below it. `put` copies the
 * file to a temporary name beside the target and renames it, so readers never see half a file.
 * The file system keeps no content type, so `open` derives it from the key's extension
 * (`.wav` → `audio/wav`); `location` is the file's `file://` URL.
 *
 * @example
 * const storage = createLocalRecordingStorage({ directory: '/var/lib/switchboard/recordings' });
 * await storage.put('org/42/calls/CA123.wav', recorder.path, 'audio/wav');
 */
export function createLocalRecordingStorage(
  settings: LocalRecordingStorageSettings,
): RecordingStorage {
  const root = resolve(settings.directory);

  const pathOf = (key: string): string => {
    assertRecordingKey(key);
    const path = resolve(root, key);
    // The key check already rules this out; this guards against a future change to it.
    if (!path.startsWith(root + sep)) {
      throw new SwitchboardError(`recording storage: key "${key}" leaves the folder`, {
        code: 'invalid_key',
      });
    }
    return path;
  };

  return {
    async put(key, filePath) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const temporary = join(dirname(target), `.${randomUUID()}.partial`);
      try {
        await copyFile(filePath, temporary);
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw new SwitchboardError(`recording storage: could not store ${key}`, {
          code: isMissing(error) ? 'not_found' : 'storage_failed',
          cause: error,
        });
      }
      return { location: pathToFileURL(target).href };
    },

    async open(key, range?: ByteRange): Promise<StoredRecording | undefined> {
      const path = pathOf(key);
      let totalSize: number;
      try {
        const info = await stat(path);
        if (!info.isFile()) return undefined;
        totalSize = info.size;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      const contentType = contentTypeForKey(key);
      if (range === undefined) {
        return { stream: createReadStream(path), size: totalSize, totalSize, contentType };
      }
      const bounds = resolveByteRange(range, totalSize);
      return {
        stream: createReadStream(path, bounds),
        size: bounds.end - bounds.start + 1,
        totalSize,
        contentType,
        range: bounds,
      };
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
