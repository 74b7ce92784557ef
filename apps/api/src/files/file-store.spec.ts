import { attachmentDisposition, cleanFileName } from './file-store';
import { extensionMatches, extensionOf } from './sniff';

describe('file names', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\anna\\Verbale.docx', 'Verbale.docx'],
    ['a\u0000b\u001f"c.pdf', 'abc.pdf'],
    ['   ', 'documento'],
  ])('keeps only the name of %j', (name, clean) => {
    expect(cleanFileName(name, 200)).toBe(clean);
  });

  it('shortens a long name keeping its extension', () => {
    expect(cleanFileName(`${'x'.repeat(300)}.pdf`, 200)).toBe(`${'x'.repeat(196)}.pdf`);
  });

  it('offers an ASCII fallback and the UTF-8 name for downloads', () => {
    expect(attachmentDisposition('Verbale dell’incontro – 7 dicembre.pdf')).toBe(
      `attachment; filename="Verbale dellincontro  7 dicembre.pdf"; filename*=UTF-8''Verbale%20dell%E2%80%99incontro%20%E2%80%93%207%20dicembre.pdf`,
    );
    expect(attachmentDisposition('"\\.pdf')).toBe(`attachment; filename=".pdf"; filename*=UTF-8''%22%5C.pdf`);
  });

  it('reads extensions case-insensitively and matches them to the type found', () => {
    expect(extensionOf('Foto.JPEG')).toBe('jpeg');
    expect(extensionOf('senza-estensione')).toBe('');
    expect(extensionMatches('jpeg', 'jpg')).toBe(true);
    expect(extensionMatches('pdf', 'docx')).toBe(false);
  });
});
