/** Reads a stream to its end (e.g. a model's `parts`) and returns every chunk in order. */
export async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const chunks: T[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}
