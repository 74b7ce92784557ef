import { isValidCodiceFiscale, isValidPartitaIva } from '@coopera/domain';
import type { Person } from './people';
import type { Random } from './random';

/**
 * Tax codes that pass the API's checks (libs/domain tax-code.ts): the register refuses a wrong
 * check character, so the national dataset must not contain one. Every code made here is
 * verified with the domain's own validator before it is used.
 */

/** A partita IVA: a 7-digit number, the 3-digit office (the province's ISTAT code) and the check digit. */
export function partitaIva(serial: number, office: string): string {
  const body = `${String(serial % 10_000_000).padStart(7, '0')}${office.padStart(3, '0').slice(-3)}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let digit = Number(body[i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  const code = `${body}${(10 - (sum % 10)) % 10}`;
  if (!isValidPartitaIva(code)) throw new Error(`Generated an invalid partita IVA ${code}`);
  return code;
}

const MONTHS = 'ABCDEHLMPRST';
// Value of a character in an odd (1st, 3rd…) position, as the Agenzia delle Entrate defines it.
const ODD: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18, N: 20,
  O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

/** The codice fiscale of a sole trader born in the Comune of `codiceCatastale`. */
export function codiceFiscale(rng: Random, who: Person, codiceCatastale: string): string {
  const year = rng.int(1955, 1995) % 100;
  const day = rng.int(1, 28) + (who.woman ? 40 : 0);
  const body =
    nameLetters(who.lastName, false) +
    nameLetters(who.firstName, true) +
    String(year).padStart(2, '0') +
    MONTHS.charAt(rng.int(0, 11)) +
    String(day).padStart(2, '0') +
    codiceCatastale;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = body.charAt(i);
    sum += i % 2 === 0 ? (ODD[c] ?? 0) : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
  }
  const code = body + String.fromCharCode(65 + (sum % 26));
  if (!isValidCodiceFiscale(code)) throw new Error(`Generated an invalid codice fiscale ${code}`);
  return code;
}

/** Three letters of a surname (or a first name, which skips its second consonant when it has four). */
function nameLetters(text: string, firstName: boolean): string {
  const letters = text
    .normalize('NFD')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  let consonants = letters.replace(/[AEIOU]/g, '');
  const vowels = letters.replace(/[^AEIOU]/g, '');
  if (firstName && consonants.length >= 4) consonants = consonants[0] + consonants.slice(2);
  return `${consonants}${vowels}XXX`.slice(0, 3);
}
