import { DOCUMENT_ACCEPT, DOCUMENT_LIMITS } from '@coopera/domain';
import { documentFileError, documentIcon, documentTitleError, documentTypeLabel, fileExtension, formatFileSize, uploadPercent } from './document-files';

describe('formatFileSize', () => {
  it('writes bytes, kB and MB the Italian way', () => {
    expect(formatFileSize(0, 'it-IT')).toBe('0 B');
    expect(formatFileSize(512, 'it-IT')).toBe('512 B');
    expect(formatFileSize(1024, 'it-IT')).toBe('1 kB');
    expect(formatFileSize(12_595, 'it-IT')).toBe('12,3 kB');
    expect(formatFileSize(1_572_864, 'it-IT')).toBe('1,5 MB');
    expect(formatFileSize(250 * 1024, 'it-IT')).toBe('250 kB');
  });

  it('reads the 20 MB limit as "20 MB", and uses the English separator in English', () => {
    expect(formatFileSize(DOCUMENT_LIMITS.maxBytes, 'it-IT')).toBe('20 MB');
    expect(formatFileSize(12_595, 'en-GB')).toBe('12.3 kB');
    // No thousands separator within the kB range, one decimal below 100.
    expect(formatFileSize(1023 * 1024, 'it-IT')).toBe('1023 kB');
    expect(formatFileSize(99.96 * 1024 * 1024, 'it-IT')).toBe('100 MB');
  });
});

describe('the browser-side checks of a document', () => {
  const file = (name: string, size = 1000) => ({ name, size });

  it('accepts every extension the API accepts, in any case', () => {
    for (const extension of DOCUMENT_ACCEPT.split(',')) expect(documentFileError(file(`programma${extension}`))).toBeNull();
    expect(documentFileError(file('Programma.PDF'))).toBeNull();
    expect(documentFileError(file('foto.JPeG'))).toBeNull();
  });

  it('refuses no file, an empty one, one over 20 MB and one whose name is too long', () => {
    expect(documentFileError(null)).toEqual({ key: 'meetings.documents.errors.fileRequired' });
    expect(documentFileError(file('vuoto.pdf', 0))).toEqual({ key: 'meetings.documents.errors.empty' });
    expect(documentFileError(file('grande.pdf', DOCUMENT_LIMITS.maxBytes))).toBeNull();
    expect(documentFileError(file('grande.pdf', DOCUMENT_LIMITS.maxBytes + 1))).toEqual({ key: 'meetings.documents.errors.tooLarge' });
    expect(documentFileError(file(`${'a'.repeat(DOCUMENT_LIMITS.fileNameMax)}.pdf`))).toEqual({ key: 'meetings.documents.errors.nameTooLong' });
  });

  it('refuses other extensions and names without one (the content is for the API to judge)', () => {
    for (const name of ['script.exe', 'nota.txt', 'archivio.zip', 'pagina.html', 'pdf', '.pdf', 'programma.', 'programma.pdf.exe']) {
      expect({ name, error: documentFileError(file(name)) }).toEqual({ name, error: { key: 'meetings.documents.errors.type' } });
    }
    // A name that lies is accepted here: the API reads the content and refuses it (415).
    expect(documentFileError(file('immagine.png.pdf'))).toBeNull();
  });

  it('takes the extension after the last dot', () => {
    expect(fileExtension('verbale.2021.12.07.PDF')).toBe('pdf');
    expect(fileExtension('senza-estensione')).toBe('');
    expect(fileExtension('.bashrc')).toBe('');
  });

  it('limits the title to 200 characters, spaces around it not counted', () => {
    expect(documentTitleError('')).toBeNull();
    expect(documentTitleError(`  ${'t'.repeat(DOCUMENT_LIMITS.titleMax)}  `)).toBeNull();
    expect(documentTitleError('t'.repeat(DOCUMENT_LIMITS.titleMax + 1))).toEqual({ key: 'meetings.documents.errors.titleTooLong' });
  });
});

describe('document labels', () => {
  it('names the type by its media type, else by the extension', () => {
    expect(documentTypeLabel({ mediaType: 'application/pdf', fileName: 'a.pdf' })).toBe('PDF');
    expect(documentTypeLabel({ mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: 'a.docx' })).toBe('Word');
    expect(documentTypeLabel({ mediaType: 'image/jpeg', fileName: 'a.jpg' })).toBe('JPEG');
    expect(documentTypeLabel({ mediaType: 'application/x-unknown', fileName: 'a.xyz' })).toBe('XYZ');
  });

  it('picks an icon per family', () => {
    expect(documentIcon('application/pdf')).toBe('file-pdf');
    expect(documentIcon('image/webp')).toBe('file-image');
    expect(documentIcon('application/vnd.ms-excel')).toBe('file-sheet');
    expect(documentIcon('application/vnd.oasis.opendocument.presentation')).toBe('file-slides');
    expect(documentIcon('application/msword')).toBe('file-docx');
    expect(documentIcon('application/octet-stream')).toBe('file');
  });

  it('turns upload progress into a whole percentage', () => {
    expect(uploadPercent(0, undefined)).toBe(0);
    expect(uploadPercent(50, 200)).toBe(25);
    expect(uploadPercent(199, 200)).toBe(100);
    expect(uploadPercent(300, 200)).toBe(100);
  });
});
