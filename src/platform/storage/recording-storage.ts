/**
 * Part of an object, as an HTTP `Range: bytes=…` header asks for it. `start`/`end` are inclusive
 * byte offsets (`end` omitted: to the end of the object); `suffixLength` asks for the last bytes.
 */
export type ByteRange =
  { readonly start: number; readonly end?: number } | { readonly suffixLength: number };

/** An object opened for reading. */
export interface StoredRecording {
  /**
   * The bytes asked for: the whole object, or the range in `range`. Read it to the end or cancel
   * (destroy) it: an unread S3 body keeps its HTTP connection busy.
   */
  readonly stream: ReadableStream<Uint8Array> | NodeJS.ReadableStream;
  /** Bytes in `stream` (the Content-Length to send). */
  readonly size: number;
  /** Size of the whole object (for `Content-Range: bytes start-end/totalSize`). */
  readonly totalSize: number;
  readonly contentType: string;
  /**
   * The inclusive byte range `stream` holds when a range was asked for and honoured (answer
   * 206); absent when the whole object is returned (answer 200).
   */
  readonly range?: { readonly start: number; readonly end: number };
}

/**
 * Where finished call recordings are kept. Keys are relative, slash-separated paths such as
 * `org/<orgId>/calls/<callId>.wav`; keys that are absolute or contain `..` are refused with a
 * `SwitchboardError` (code `invalid_key`). A range that starts past the end of the object is
 * refused with code `range_not_satisfiable` (answer 416).
 *
 * @example
 * const { location } = await storage.put(`org/${orgId}/calls/${callId}.wav`, result.path, 'audio/wav');
 * const object = await storage.open(key, { start: 0, end: 1023 });
 */
export interface RecordingStorage {
  /** Stores the file at `filePath` under `key`, replacing what was there. */
  put(key: string, filePath: string, contentType: string): Promise<{ location: string }>;
  /** Opens the object, or a range of it; `undefined` when there is no such object. */
  open(key: string, range?: ByteRange): Promise<StoredRecording | undefined>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
}
