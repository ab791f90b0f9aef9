import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Streams an uploaded request body to `target` (never the whole file in memory), stopping with
 * `tooLarge()` as soon as it passes `maxBytes`. A failed upload leaves no file behind. Returns the size.
 */
export async function saveUpload(body: Readable, target: string, maxBytes: number, tooLarge: () => Error): Promise<number> {
  await mkdir(path.dirname(target), { recursive: true });
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(target));
    return bytes;
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
}
