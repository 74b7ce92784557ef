import { DOCUMENT_TYPES, DocumentType, UNSUPPORTED_DOCUMENT_PROBLEM_TYPE } from '@coopera/domain';
import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, ReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TypedProblem, ValidationProblem } from '../common/problem';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { extensionMatches, extensionOf, HEAD_BYTES, sniffDocument } from './sniff';

/** An upload received into a temporary file and recognised from its content. */
export interface ReceivedFile {
  tempPath: string;
  sizeBytes: number;
  sha256: string;
  type: DocumentType;
  mediaType: string;
}

/**
 * Files under `<data folder>/files`, outside the web root: received into a temporary file (hashed,
 * size-checked as they stream), recognised from their content, then moved into place under a key
 * the database holds. Names from users never become paths.
 */
@Injectable()
export class FileStore {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = join(config.dataDir, 'files');
  }

  /**
   * Streams `content` to disk. The size limit is the stream's: a multipart file stream stops at the
   * limit and says so in `truncated`, which answers 413.
   */
  async receive(content: Readable & { truncated?: boolean }, fileName: string, maxBytes: number): Promise<ReceivedFile> {
    const tempPath = join(this.root, '.incoming', randomUUID());
    await mkdir(dirname(tempPath), { recursive: true });
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let sizeBytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        if (sizeBytes < HEAD_BYTES) headChunks.push(chunk.subarray(0, HEAD_BYTES - sizeBytes));
        sizeBytes += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(content, tap, createWriteStream(tempPath, { flags: 'wx' }));
      if (content.truncated || sizeBytes > maxBytes) {
        throw new PayloadTooLargeException(`"${fileName}" is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
      }
      if (sizeBytes === 0) throw new ValidationProblem([{ name: 'file', reason: 'is empty' }]);
      const extension = extensionOf(fileName);
      const type = await sniffDocument(tempPath, Buffer.concat(headChunks), extension);
      if (!type) {
        throw new TypedProblem(415, UNSUPPORTED_DOCUMENT_PROBLEM_TYPE, 'Unsupported document', `The content of "${fileName}" is not a PDF, an office document or an image (PNG, JPEG, WebP).`);
      }
      if (!extensionMatches(type, extension)) {
        const expected = DOCUMENT_TYPES[type].extensions.map((e) => `.${e}`).join(' or ');
        throw new TypedProblem(415, UNSUPPORTED_DOCUMENT_PROBLEM_TYPE, 'Unsupported document', `"${fileName}" holds a ${DOCUMENT_TYPES[type].label} file: its name must end in ${expected}.`);
      }
      return { tempPath, sizeBytes, sha256: hash.digest('hex'), type, mediaType: DOCUMENT_TYPES[type].mediaType };
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
  }

  async keep(file: ReceivedFile, storageKey: string): Promise<void> {
    const target = this.pathOf(storageKey);
    await mkdir(dirname(target), { recursive: true });
    await rename(file.tempPath, target);
  }

  discard(file: ReceivedFile): Promise<void> {
    return rm(file.tempPath, { force: true });
  }

  /** The file's bytes, or null if it is not there (removed by a change that then rolled back). */
  async read(storageKey: string): Promise<ReadStream | null> {
    try {
      const handle = await open(this.pathOf(storageKey), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  remove(storageKey: string): Promise<void> {
    return rm(this.pathOf(storageKey), { force: true });
  }

  private pathOf(storageKey: string): string {
    const path = join(this.root, storageKey);
    // Keys are made by the API (uuids), never by users; this guards the invariant all the same.
    if (!path.startsWith(this.root + sep)) throw new Error(`Storage key outside the file store: ${storageKey}`);
    return path;
  }
}

/** A file name as users see it: no folders, no control characters, at most `max` characters. */
export function cleanFileName(name: string, max: number): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (clean.length <= max) return clean || 'documento';
  const extension = extensionOf(clean);
  return `${clean.slice(0, max - extension.length - 1)}.${extension}`;
}

/** `Content-Disposition` for a download: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'documento';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
