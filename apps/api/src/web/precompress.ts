import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, rename, stat, unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

/** Text assets worth compressing; images and fonts (woff2) are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.json', '.svg', '.txt', '.map', '.webmanifest']);
/** Below this, the headers cost more than the saving. */
const MIN_BYTES = 1024;

const ENCODINGS = [
  // Quality 9, not 11: a tenth of the time for a few percent of size, so a new build is served
  // compressed seconds after the start.
  { suffix: '.br', create: () => createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }) },
  { suffix: '.gz', create: () => createGzip({ level: 9 }) },
];

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

async function isFresh(compressed: string, sourceMtime: number): Promise<boolean> {
  try {
    return (await stat(compressed)).mtimeMs >= sourceMtime;
  } catch {
    return false;
  }
}

/**
 * Writes a Brotli and a gzip copy beside each text asset of the built web app that lacks a fresh
 * one, for `@fastify/static`'s `preCompressed` to serve (the app's JavaScript shrinks ~4×).
 * Written aside and renamed, so that a request never reads half a file. Answers how many files
 * it wrote; a read-only folder (an image built without them) throws, and files go out as they are.
 */
export function precompress(webDir: string): Promise<number> {
  // Apps started together on one build (the tests do) share the work rather than race for it.
  let work = running.get(webDir);
  if (!work) {
    work = compressAll(webDir).finally(() => running.delete(webDir));
    running.set(webDir, work);
  }
  return work;
}

const running = new Map<string, Promise<number>>();

async function compressAll(webDir: string): Promise<number> {
  let written = 0;
  for await (const path of files(webDir)) {
    if (!COMPRESSIBLE.has(extname(path))) continue;
    const source = await stat(path);
    if (source.size < MIN_BYTES) continue;
    for (const { suffix, create } of ENCODINGS) {
      const target = path + suffix;
      if (await isFresh(target, source.mtimeMs)) continue;
      const partial = `${target}.${randomUUID()}.tmp`;
      try {
        await pipeline(createReadStream(path), create(), createWriteStream(partial));
        await rename(partial, target);
        written++;
      } catch (error) {
        await unlink(partial).catch(() => undefined);
        throw error;
      }
    }
  }
  return written;
}
