import { DOCUMENT_LIMITS, DOCUMENT_TYPES, StoredDocument, UNSUPPORTED_DOCUMENT_PROBLEM_TYPE } from '@coopera/domain';
import { FieldError } from '../forms/field-errors';

const KIB = 1024;
const MIB = 1024 * 1024;

/** Every extension the API accepts (lower case, without the dot). */
const ACCEPTED_EXTENSIONS: readonly string[] = Object.values(DOCUMENT_TYPES).flatMap((t) => [...t.extensions]);

/**
 * A file size as people read it, in the page's language: `512 B`, `12,3 kB`, `1,5 MB` (Italian)
 * or `12.3 kB` (English). Units of 1024, as the 20 MB limit is counted, so that the limit itself
 * reads "20 MB".
 */
export function formatFileSize(bytes: number, locale: string): string {
  const size = Math.max(0, Math.round(bytes));
  if (size < KIB) return `${size} B`;
  const [value, unit] = size < MIB ? [size / KIB, 'kB'] : [size / MIB, 'MB'];
  const digits = value < 100 ? 1 : 0;
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
  return `${text} ${unit}`;
}

/** The file name's extension, lower case, without the dot (`''` when it has none). */
export function fileExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && dot < fileName.length - 1 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** What kind of file a stored document is, as the list names it (`PDF`, `Word`…). */
export function documentTypeLabel(document: Pick<StoredDocument, 'mediaType' | 'fileName'>): string {
  const known = Object.values(DOCUMENT_TYPES).find((t) => t.mediaType === document.mediaType);
  if (known) return known.label;
  return fileExtension(document.fileName).toUpperCase() || document.mediaType;
}

/** The file icon of design-angular-kit for a document's type. */
export function documentIcon(mediaType: string): 'file-pdf' | 'file-docx' | 'file-sheet' | 'file-slides' | 'file-image' | 'file' {
  if (mediaType === DOCUMENT_TYPES.pdf.mediaType) return 'file-pdf';
  if (mediaType.startsWith('image/')) return 'file-image';
  if ([DOCUMENT_TYPES.xlsx, DOCUMENT_TYPES.ods, DOCUMENT_TYPES.xls].some((t) => t.mediaType === mediaType)) return 'file-sheet';
  if ([DOCUMENT_TYPES.pptx, DOCUMENT_TYPES.odp, DOCUMENT_TYPES.ppt].some((t) => t.mediaType === mediaType)) return 'file-slides';
  if ([DOCUMENT_TYPES.docx, DOCUMENT_TYPES.odt, DOCUMENT_TYPES.doc].some((t) => t.mediaType === mediaType)) return 'file-docx';
  return 'file';
}

/** The file chosen for upload, as far as the browser can judge it. */
export interface ChosenFile {
  name: string;
  size: number;
}

/**
 * The API's rules that the browser can check before sending (the same limits): a file is chosen,
 * not empty, not over the size limit, its name not too long and with an accepted extension. The
 * content is judged by the API only; its refusal (415) is shown as it comes.
 */
export function documentFileError(file: ChosenFile | null): FieldError | null {
  if (!file) return { key: 'meetings.documents.errors.fileRequired' };
  if (file.size === 0) return { key: 'meetings.documents.errors.empty' };
  if (file.size > DOCUMENT_LIMITS.maxBytes) return { key: 'meetings.documents.errors.tooLarge' };
  if (file.name.length > DOCUMENT_LIMITS.fileNameMax) return { key: 'meetings.documents.errors.nameTooLong' };
  if (!ACCEPTED_EXTENSIONS.includes(fileExtension(file.name))) return { key: 'meetings.documents.errors.type' };
  return null;
}

/** The optional title: at most `DOCUMENT_LIMITS.titleMax` characters (the field also stops typing there). */
export function documentTitleError(title: string): FieldError | null {
  return title.trim().length > DOCUMENT_LIMITS.titleMax ? { key: 'meetings.documents.errors.titleTooLong' } : null;
}

/** Upload progress as a whole percentage (0 while the total is unknown). */
export function uploadPercent(loaded: number, total: number | undefined): number {
  if (!total || total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((loaded / total) * 100)));
}

/**
 * Our own words (a translation key taking `name` and `max`) for the refusals whose API detail is
 * technical English: a file too large (413), or content that is not an accepted type or does
 * not match the name's extension (415 of the unsupported-document type). Null for the others,
 * whose detail is shown as it came.
 */
export function documentRefusalKey(status: number, problemType: string | null | undefined): string | null {
  if (status === 413) return 'meetings.documents.refused.tooLarge';
  if (status === 415 && problemType === UNSUPPORTED_DOCUMENT_PROBLEM_TYPE) return 'meetings.documents.refused.unsupported';
  return null;
}
