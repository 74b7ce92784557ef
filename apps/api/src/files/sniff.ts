import { DOCUMENT_TYPES, DocumentType } from '@coopera/domain';
import { open } from 'node:fs/promises';

/** How many first bytes `sniffDocument` needs to recognise every type but the zip-based ones. */
export const HEAD_BYTES = 4096;

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const LEGACY_OFFICE: DocumentType[] = ['doc', 'xls', 'ppt'];
const ODF: Record<string, DocumentType> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};
const OOXML: [string, DocumentType][] = [
  ['word/document.xml', 'docx'],
  ['xl/workbook.xml', 'xlsx'],
  ['ppt/presentation.xml', 'pptx'],
];

/**
 * The document type of a file from its content (its first bytes; for zip-based formats, the zip's
 * directory read from the file), disambiguated by the name's extension only where the content
 * cannot tell (Word, Excel and PowerPoint 97-2003 share one container). Null: not accepted.
 */
export async function sniffDocument(path: string, head: Buffer, extension: string): Promise<DocumentType | null> {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head.subarray(0, 8).equals(PNG)) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (head.subarray(0, 8).equals(OLE)) return LEGACY_OFFICE.find((t) => t === extension) ?? null;
  if (head.subarray(0, 4).equals(ZIP)) {
    const odf = openDocumentType(head);
    if (odf) return odf;
    const names = new Set(await zipEntryNames(path));
    if (!names.has('[Content_Types].xml')) return null;
    return OOXML.find(([entry]) => names.has(entry))?.[1] ?? null;
  }
  return null;
}

/** The extension a name ends with, lower case, without the dot. */
export function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match?.[1]?.toLowerCase() ?? '';
}

export function extensionMatches(type: DocumentType, extension: string): boolean {
  return (DOCUMENT_TYPES[type].extensions as readonly string[]).includes(extension);
}

/** OpenDocument files start with an uncompressed `mimetype` entry naming their type. */
function openDocumentType(head: Buffer): DocumentType | null {
  if (head.length < 30) return null;
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  const size = head.readUInt32LE(18);
  if (head.subarray(30, 30 + nameLength).toString('latin1') !== 'mimetype' || head.readUInt16LE(8) !== 0) return null;
  const start = 30 + nameLength + extraLength;
  return ODF[head.subarray(start, start + size).toString('latin1')] ?? null;
}

/** The entry names of a zip file, from its central directory (at its end). */
async function zipEntryNames(path: string): Promise<string[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0 || end + 22 > tail.length) return [];
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset + directorySize > size) return [];
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    const names: string[] = [];
    let at = 0;
    for (let i = 0; i < count && at + 46 <= directory.length && directory.readUInt32LE(at) === 0x02014b50; i++) {
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      names.push(directory.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  } finally {
    await file.close();
  }
}
