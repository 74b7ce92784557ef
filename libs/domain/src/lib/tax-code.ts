/**
 * Italian tax codes of an EnteGestore: the 11-digit partita IVA (also the codice fiscale of most
 * legal persons) or the 16-character codice fiscale of a natural person (a sole trader). Both
 * carry a check character; a typo in one digit never passes.
 */
export const TAX_CODE_MAX_LENGTH = 16;

/** Upper case, without spaces: how codes are stored and compared. */
export function normalizeTaxCode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export function isValidPartitaIva(value: string): boolean {
  if (!/^\d{11}$/.test(value) || value === '00000000000') return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let digit = Number(value[i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10 === Number(value[10]);
}

// Values of a character in an odd (1st, 3rd…) position; omocodia letters stand for digits.
const ODD_VALUES: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18, N: 20,
  O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

function evenValue(c: string): number {
  return /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
}

const CODICE_FISCALE_SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

export function isValidCodiceFiscale(value: string): boolean {
  if (!CODICE_FISCALE_SHAPE.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = value.charAt(i);
    sum += i % 2 === 0 ? (ODD_VALUES[c] ?? 0) : evenValue(c);
  }
  return String.fromCharCode(65 + (sum % 26)) === value[15];
}

/** Why `value` (already normalized) is not a valid tax code, or null when it is. */
export function taxCodeProblem(value: string): string | null {
  if (/^\d{11}$/.test(value)) return isValidPartitaIva(value) ? null : 'has a wrong check digit (partita IVA)';
  if (value.length === 16) return isValidCodiceFiscale(value) ? null : 'is not a valid codice fiscale (shape or check character)';
  return 'must be an 11-digit partita IVA or a 16-character codice fiscale';
}
