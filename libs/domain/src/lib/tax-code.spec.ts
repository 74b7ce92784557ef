import { isValidCodiceFiscale, isValidPartitaIva, normalizeTaxCode, taxCodeProblem } from './tax-code';

describe('partita IVA', () => {
  it.each(['01234567897', '02118311006', '00743110157'])('accepts %s', (code) => {
    expect(isValidPartitaIva(code)).toBe(true);
  });

  it.each(['01234567890', '02118311007', '00000000000', '1234567897', '0123456789A'])('refuses %s', (code) => {
    expect(isValidPartitaIva(code)).toBe(false);
  });

  it('catches any single-digit change', () => {
    const valid = '02118311006';
    for (let i = 0; i < 11; i++) {
      for (let d = 0; d <= 9; d++) {
        const changed = valid.slice(0, i) + String(d) + valid.slice(i + 1);
        if (changed !== valid) expect(isValidPartitaIva(changed)).toBe(false);
      }
    }
  });
});

describe('codice fiscale', () => {
  it.each(['RSSMRA85T10A562S', 'MRTMTT25D09F205Z', 'RSSMRA85T10A56NH'])('accepts %s', (code) => {
    expect(isValidCodiceFiscale(code)).toBe(true);
  });

  it.each(['RSSMRA85T10A562T', 'RSSMRA85Z10A562S', 'RSSMRA85T10A562', '1SSMRA85T10A562S'])('refuses %s', (code) => {
    expect(isValidCodiceFiscale(code)).toBe(false);
  });
});

describe('taxCodeProblem', () => {
  it('names what is wrong', () => {
    expect(taxCodeProblem('02118311006')).toBeNull();
    expect(taxCodeProblem('RSSMRA85T10A562S')).toBeNull();
    expect(taxCodeProblem('02118311007')).toMatch(/check digit/);
    expect(taxCodeProblem('RSSMRA85T10A562T')).toMatch(/codice fiscale/);
    expect(taxCodeProblem('123')).toMatch(/11-digit/);
  });

  it('normalizes spaces and case before checking', () => {
    expect(normalizeTaxCode(' rssmra85t10 a562s ')).toBe('RSSMRA85T10A562S');
  });
});
