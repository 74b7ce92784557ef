import type { Random } from './random';

/**
 * Invented people: names common in Italy, so that lists, searches and sorts of the national
 * dataset look like the real ones. Nobody here exists; the portal holds no beneficiary's data.
 */
const WOMEN = [
  'Giovanna', 'Maria', 'Anna', 'Francesca', 'Lucia', 'Rosa', 'Angela', 'Giuseppina', 'Carmela', 'Daniela',
  'Paola', 'Laura', 'Valentina', 'Chiara', 'Elena', 'Silvia', 'Federica', 'Alessandra', 'Sara', 'Roberta',
  'Simona', 'Monica', 'Barbara', 'Cristina', 'Antonella', 'Marta', 'Giulia', 'Ilaria', 'Serena', 'Teresa',
];
const MEN = [
  'Giuseppe', 'Salvatore', 'Francesco', 'Antonio', 'Giovanni', 'Paolo', 'Vito', 'Michele', 'Corrado', 'Marco',
  'Luca', 'Andrea', 'Alessandro', 'Stefano', 'Roberto', 'Matteo', 'Davide', 'Massimo', 'Claudio', 'Fabio',
  'Nicola', 'Pietro', 'Enrico', 'Carlo', 'Lorenzo', 'Simone', 'Riccardo', 'Domenico', 'Angelo', 'Gaetano',
];
const SURNAMES = [
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
  'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
  'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone',
  'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'De Santis', "D'Angelo", 'Marchetti',
  'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini', 'Grasso', 'Valentini',
  'Messina', 'Sala', 'De Angelis', 'Gatti', 'Pellegrini', 'Palumbo', 'Sanna', 'Farina', 'Rizzi', 'Monti',
  'Cattaneo', 'Morelli', 'Amato', 'Silvestri', 'Mazza', 'Testa', 'Grassi', 'Pellegrino', 'Carbone', 'Giuliani',
  'Lo Bue', 'Di Mauro', 'Sciortino', 'Occhipinti', 'Giarratana', 'Pavone', 'Amenta', 'Asaro', 'Barraco', 'Privitera',
];

export interface Person {
  firstName: string;
  lastName: string;
  woman: boolean;
  /** "Dott.ssa Giovanna Lo Bue": how officers sign. */
  formal: string;
  /** "Giovanna Lo Bue" */
  name: string;
}

export function person(rng: Random): Person {
  const woman = rng.chance(0.55);
  const firstName = rng.pick(woman ? WOMEN : MEN);
  const lastName = rng.pick(SURNAMES);
  const name = `${firstName} ${lastName}`;
  const title = rng.chance(0.75) ? (woman ? 'Dott.ssa ' : 'Dott. ') : '';
  return { firstName, lastName, woman, name, formal: `${title}${name}` };
}

/** Roles a Comune's delegate or referent holds. */
export const MUNICIPAL_ROLES = [
  'Referente SAI',
  'Responsabile Servizi sociali',
  'Assessore alle Politiche sociali',
  'Responsabile del progetto SAI',
  'Assistente sociale',
  'Dirigente Area Welfare',
  'Funzionario amministrativo',
  'Coordinatore dell’équipe SAI',
];

/** Lower-case ASCII, for e-mail addresses and host names. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
