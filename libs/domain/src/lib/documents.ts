/**
 * Files attached to meetings (and, later, to library practices). The type is decided from the
 * content's first bytes; the name's extension must agree with it.
 */
export const DOCUMENT_TYPES = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel' },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], label: 'PowerPoint' },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], label: 'OpenDocument testo' },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'], label: 'OpenDocument foglio' },
  odp: { mediaType: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'], label: 'OpenDocument presentazione' },
  doc: { mediaType: 'application/msword', extensions: ['doc'], label: 'Word 97-2003' },
  xls: { mediaType: 'application/vnd.ms-excel', extensions: ['xls'], label: 'Excel 97-2003' },
  ppt: { mediaType: 'application/vnd.ms-powerpoint', extensions: ['ppt'], label: 'PowerPoint 97-2003' },
  png: { mediaType: 'image/png', extensions: ['png'], label: 'PNG' },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
  webp: { mediaType: 'image/webp', extensions: ['webp'], label: 'WebP' },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

/** What the file input offers; the API decides on the content anyway. */
export const DOCUMENT_ACCEPT = Object.values(DOCUMENT_TYPES)
  .flatMap((t) => t.extensions.map((e) => `.${e}`))
  .join(',');

export const DOCUMENT_LIMITS = {
  /** 20 MB: programmes, slides and scanned acts fit; videos do not belong here. */
  maxBytes: 20 * 1024 * 1024,
  titleMax: 200,
  fileNameMax: 200,
  /** Per meeting. */
  maxCount: 50,
} as const;

/** The file's content is not one of the accepted types, or its name says another type. */
export const UNSUPPORTED_DOCUMENT_PROBLEM_TYPE = 'urn:coopera:problem:unsupported-document';

export interface StoredDocument {
  id: string;
  title: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  uploadedByName: string | null;
  createdAt: string;
}
