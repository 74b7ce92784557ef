import { Role } from '@coopera/domain';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { AppRoute } from '../../app-routes';
import { callersOf, encodeComponent } from './cases';
import { dtoModel, FieldModel } from './dto-model';
import { EDGE_DATE_TIMES, EDGE_DATES, INVALID_DATE_TIMES, INVALID_DATES, INVALID_UUIDS, nastyText, strangeUuids } from './values';

/** One generated query string for a route that reads one (`@Query()`), with its path filled in. */
export interface QueryCase {
  caller: number;
  /** Index into the ids the path parameters are taken from. */
  target: number;
  /** Parameters in order; a name may repeat (then the API sees an array). */
  pairs: [string, string][];
}

/** Texts a query parameter arrives as, whatever type its field has. */
const NUMBERS = ['0', '-1', '1', '1.5', '1e3', '1e21', '9007199254740993', '99999999999999999999999', '2147483648', ' 1', '0x10', 'NaN', 'Infinity', ''];

function valuesFor(field: FieldModel): fc.Arbitrary<string> {
  const arbs: fc.Arbitrary<string>[] = [nastyText(), fc.constantFrom(...NUMBERS)];
  if (field.kind === 'uuid') arbs.push(fc.constantFrom(...INVALID_UUIDS), strangeUuids());
  if (field.kind === 'calendarDate') arbs.push(fc.constantFrom(...INVALID_DATES, ...EDGE_DATES));
  if (field.kind === 'dateTime') arbs.push(fc.constantFrom(...INVALID_DATE_TIMES, ...EDGE_DATE_TIMES));
  if (field.kind === 'boolean') arbs.push(fc.constantFrom('true', 'false', 'TRUE', '1', 'yes'));
  if (field.allowed?.length) {
    const allowed = field.allowed.map(String);
    arbs.push(fc.constantFrom(...allowed), fc.constantFrom(...allowed.map((v) => v.toLowerCase()), ...allowed.map((v) => `-${v}`)));
  }
  if (field.maxLength !== undefined) arbs.push(fc.constantFrom(field.maxLength, field.maxLength + 1, 5_000).map((n) => 'x'.repeat(n)));
  return fc.oneof(...arbs);
}

export function queryCases(route: AppRoute, targets: number): fc.Arbitrary<QueryCase> {
  const model = route.query ? dtoModel(route.query) : { name: '', fields: [] };
  const known = model.fields.map((f) => fc.tuple(fc.constant(f.name), valuesFor(f)));
  const unknown = fc.tuple(fc.constantFrom('extra', 'constructor', '__proto__', 'toString', 'page[]', 'a.b', ''), nastyText());
  const pair = fc.oneof({ weight: 8, arbitrary: fc.oneof(...known) }, { weight: 1, arbitrary: unknown });
  return fc.record({
    caller: fc.nat({ max: callersOf(route).length - 1 }),
    target: fc.nat({ max: Math.max(targets - 1, 0) }),
    pairs: fc.array(pair, { minLength: 0, maxLength: 4 }),
  });
}

/** The request of a case: path parameters from `ids` (a `format` is csv), authenticated as a role the route admits. */
export function queryRequest(route: AppRoute, c: QueryCase, ids: readonly string[], auth: Record<Role, Record<string, string>>): InjectOptions {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => (name === 'format' ? 'csv' : (ids[c.target % ids.length] ?? '')));
  const query = c.pairs.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&');
  const role = callersOf(route)[c.caller] ?? null;
  return { method: 'GET', url: query ? `${path}?${query}` : path, headers: role ? auth[role] : {} };
}
