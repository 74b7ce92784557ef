import fc from 'fast-check';
import { DtoModel, FieldKind, FieldModel } from './dto-model';
import {
  anyJson,
  deepNest,
  EDGE_DATE_TIMES,
  EDGE_DATES,
  EDGE_NUMBERS,
  INVALID_DATE_TIMES,
  INVALID_DATES,
  INVALID_UUIDS,
  Many,
  nastyText,
  RawJson,
  Repeat,
  strangeUuids,
} from './values';

/**
 * What the API must do with a generated body: 'refuse' when a mutation breaks a rule the DTO
 * declares (so a 2xx is a bug), 'any' when the body may well be valid (then a 2xx is fine, and
 * so is a 4xx from a rule across fields; a 5xx never is).
 */
export type Verdict = 'refuse' | 'any';
export type Path = readonly (string | number)[];

export const worst = (verdicts: Verdict[]): Verdict => (verdicts.includes('refuse') ? 'refuse' : 'any');

/** One change to a valid body: a field dropped, or set to another value. */
export class Mutation {
  constructor(
    readonly path: Path,
    readonly op: 'drop' | 'set',
    readonly value: unknown,
    readonly verdict: Verdict,
    readonly why: string,
  ) {}

  [fc.toStringMethod](): string {
    const where = this.path.join('.');
    return this.op === 'drop' ? `drop ${where} (${this.why})` : `${where} = ${fc.stringify(this.value)} (${this.why})`;
  }
}

/** A field of a body, with its place and its value in the valid seed. */
interface Target {
  path: Path;
  field: FieldModel;
  current: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every field of `model` in `seed`, nested DTOs included (their first two array elements). */
export function targetsOf(model: DtoModel, seed: Record<string, unknown>, prefix: Path = []): Target[] {
  const out: Target[] = [];
  for (const field of model.fields) {
    const path = [...prefix, field.name];
    const current = seed[field.name];
    out.push({ path, field, current });
    if (!field.nested) continue;
    if (Array.isArray(current)) {
      current.slice(0, 2).forEach((element, i) => {
        if (isObject(element)) out.push(...targetsOf(field.nested as DtoModel, element, [...path, i]));
      });
    } else if (isObject(current)) out.push(...targetsOf(field.nested, current, path));
  }
  return out;
}

/** The objects of a body that a DTO describes (the body itself, nested DTOs): where unknown fields are refused. */
export function objectsOf(model: DtoModel, seed: Record<string, unknown>, prefix: Path = []): { path: Path; model: DtoModel }[] {
  const out = [{ path: prefix, model }];
  for (const field of model.fields) {
    const current = seed[field.name];
    if (!field.nested) continue;
    if (Array.isArray(current)) {
      current.slice(0, 2).forEach((element, i) => {
        if (isObject(element)) out.push(...objectsOf(field.nested as DtoModel, element, [...prefix, field.name, i]));
      });
    } else if (isObject(current)) out.push(...objectsOf(field.nested, current, [...prefix, field.name]));
  }
  return out;
}

const TEXT_KINDS: readonly FieldKind[] = ['string', 'uuid', 'calendarDate', 'dateTime', 'isoDate', 'enum', 'email', 'url', 'taxCode', 'pattern'];
/** Kinds where free text (SQL, HTML, unicode…) may be valid; elsewhere it is refused. */
const FREE_TEXT_KINDS: readonly FieldKind[] = ['string', 'email', 'url', 'pattern', 'unknown'];

/** JSON values of another type than `kind` wants. */
function wrongTypes(kind: FieldKind): unknown[] {
  if (TEXT_KINDS.includes(kind)) return [0, 1, -1, 1.5, true, false, [], {}, ['x'], { value: 'x' }];
  if (kind === 'int') return ['1', '', 'one', ' 1', '0x10', true, false, [], {}, [1], { value: 1 }, 1.5];
  if (kind === 'boolean' || kind === 'constant') return ['true', 'false', '', 1, 0, [], {}, [true], { value: false }];
  if (kind === 'object') return ['x', 1, true, [], [[]]];
  return [];
}

function intVerdict(field: FieldModel, value: unknown): Verdict {
  const n = value instanceof RawJson ? Number(value.text) : (value as number);
  if (!Number.isInteger(n)) return 'refuse';
  if (field.min !== undefined && n < field.min) return 'refuse';
  if (field.max !== undefined && n > field.max) return 'refuse';
  return 'any';
}

const set = (target: Target, value: unknown, verdict: Verdict, why: string) => new Mutation(target.path, 'set', value, verdict, why);

/** Values for one scalar (or one element of an array field), with what the API must do with them. */
function scalarValues(field: FieldModel, existingIds: readonly string[]): fc.Arbitrary<[unknown, Verdict, string]>[] {
  const arbs: fc.Arbitrary<[unknown, Verdict, string]>[] = [];
  const kind = field.kind;
  const wrong = wrongTypes(kind);
  if (wrong.length) arbs.push(fc.constantFrom(...wrong).map((v) => [v, 'refuse', `not a ${kind}`]));
  if (kind !== 'unknown') arbs.push(deepNest().map((v) => [v, 'refuse', 'deep nesting']));
  if (TEXT_KINDS.includes(kind) || kind === 'unknown') {
    arbs.push(
      nastyText().map((v): [unknown, Verdict, string] => {
        if (FREE_TEXT_KINDS.includes(kind)) return [v, 'any', 'odd text'];
        // An optional field may turn blank text into null (trimToNull).
        return [v, field.nullable && v.trim() === '' ? 'any' : 'refuse', `odd text for a ${kind}`];
      }),
    );
  }
  if (field.maxLength !== undefined) {
    const max = field.maxLength;
    // Mostly just past the limit; now and then past the body limit too (a megabyte costs time to send).
    arbs.push(
      fc
        .oneof({ weight: 12, arbitrary: fc.constantFrom(1, 2, 1_000) }, { weight: 2, arbitrary: fc.constant(100_000) }, { weight: 1, arbitrary: fc.constant(1_100_000) })
        .map((extra): [unknown, Verdict, string] => [new Repeat('x', max + extra), 'refuse', `longer than ${max}`]),
    );
    // Characters that count as one for the validator but are several UTF-16 units or bytes.
    arbs.push(fc.constantFrom('😀', 'é', 'e\u0301', '中').map((unit) => [new Repeat(unit, max), 'any', `${max} non-ASCII characters`]));
  } else if (TEXT_KINDS.includes(kind)) {
    arbs.push(fc.constantFrom(10_000, 10_000, 100_000, 1_100_000).map((n) => [new Repeat('x', n), kind === 'string' ? 'any' : 'refuse', 'long text, no declared limit']));
  }
  if (field.minLength !== undefined && field.minLength > 1) {
    const min = field.minLength;
    arbs.push(fc.constant([new Repeat('x', min - 1), 'refuse', `shorter than ${min}`]));
  }
  if (kind === 'int') arbs.push(fc.constantFrom(...EDGE_NUMBERS).map((v) => [v, intVerdict(field, v), 'edge number']));
  if (kind === 'uuid') {
    arbs.push(fc.constantFrom(...INVALID_UUIDS).map((v) => [v, 'refuse', 'not a UUID']));
    arbs.push(strangeUuids().map((v) => [v, 'any', 'a UUID of nothing']));
    if (existingIds.length) arbs.push(fc.constantFrom(...existingIds).map((v) => [v, 'any', 'the id of something else']));
  }
  if (kind === 'calendarDate') {
    arbs.push(fc.constantFrom(...INVALID_DATES).map((v) => [v, 'refuse', 'not a date']));
    arbs.push(fc.constantFrom(...EDGE_DATES).map((v) => [v, 'any', 'edge date']));
  }
  if (kind === 'dateTime' || kind === 'isoDate') {
    arbs.push(fc.constantFrom(...INVALID_DATE_TIMES).map((v) => [v, 'refuse', 'not a date-time']));
    arbs.push(fc.constantFrom(...EDGE_DATE_TIMES).map((v) => [v, 'any', 'edge date-time']));
  }
  if ((kind === 'enum' || kind === 'constant') && field.allowed?.length) {
    const allowed = field.allowed;
    arbs.push(fc.constantFrom(...allowed).map((v) => [v, 'any', 'another allowed value']));
    const near = allowed.filter((v): v is string => typeof v === 'string').flatMap((v) => [v.toLowerCase(), ` ${v}`, `${v}\u0000`]);
    const wrongValues = near.filter((v) => !allowed.includes(v));
    if (wrongValues.length) arbs.push(fc.constantFrom(...wrongValues).map((v) => [v, 'refuse', 'almost an allowed value']));
  }
  if (kind === 'boolean') arbs.push(fc.boolean().map((v) => [v, 'any', 'the other boolean']));
  return arbs;
}

/** Mutations of one field. */
function fieldMutations(target: Target, existingIds: readonly string[]): fc.Arbitrary<Mutation> {
  const { field } = target;
  const arbs: fc.Arbitrary<Mutation>[] = [
    fc.constant(new Mutation(target.path, 'drop', undefined, field.required ? 'refuse' : 'any', field.required ? 'required' : 'optional')),
    fc.constant(set(target, null, field.nullable ? 'any' : 'refuse', field.nullable ? 'null for a nullable field' : 'null for a field that is not nullable')),
  ];
  if (!field.array) {
    arbs.push(...scalarValues(field, existingIds).map((a) => a.map(([v, verdict, why]) => set(target, v, verdict, why))));
  } else {
    const elements = Array.isArray(target.current) ? (target.current as unknown[]) : [];
    const sample = elements[0] ?? (field.kind === 'uuid' ? existingIds[0] : 'x');
    arbs.push(fc.constantFrom<unknown>('x', 1, true, {}, { 0: sample }).map((v) => set(target, v, 'refuse', 'not an array')));
    arbs.push(fc.constant(set(target, [], 'any', 'empty array')));
    arbs.push(deepNest().map((v) => set(target, v, 'refuse', 'deep nesting')));
    if (field.arrayMax !== undefined) {
      const max = field.arrayMax;
      arbs.push(fc.constantFrom(max + 1, max + 1, 50_000).map((n) => set(target, new Many(sample, n, true), 'refuse', `more than ${max} elements`)));
    } else {
      arbs.push(fc.constantFrom(1_000, 50_000).map((n) => set(target, new Many(sample, n), field.unique ? 'refuse' : 'any', 'many elements')));
    }
    if (field.unique && elements.length) arbs.push(fc.constant(set(target, [...elements, elements[0]], 'refuse', 'a repeated element')));
    if (field.nested) {
      arbs.push(fc.constantFrom<unknown>('x', 1, null, [], true).map((v) => set(target, [...elements, v], 'refuse', 'an element that is no object')));
    } else {
      const element: FieldModel = { ...field, array: false, required: true, nullable: false };
      for (const arb of scalarValues(element, existingIds)) {
        arbs.push(arb.map(([v, verdict, why]) => set(target, [...elements, v], verdict, `element: ${why}`)));
      }
    }
  }
  return fc.oneof(...arbs);
}

const EXTRA_NAMES = ['extra', 'id', 'createdAt', 'comune_id', 'isAdmin', 'role ', '', 'ünïcødé', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '$where', 'a.b'];

/** An unknown field in the body or in a nested object: refused (forbidNonWhitelisted). */
function extraField(object: { path: Path; model: DtoModel }): fc.Arbitrary<Mutation> | null {
  const names = EXTRA_NAMES.filter((n) => !object.model.fields.some((f) => f.name === n));
  if (!names.length) return null;
  return fc.tuple(fc.constantFrom(...names), anyJson()).map(([name, value]) => new Mutation([...object.path, name], 'set', value, 'refuse', 'unknown field'));
}

/** One to three mutations of distinct, unrelated fields of `seed`. */
export function mutationsOf(model: DtoModel, seed: Record<string, unknown>, existingIds: readonly string[]): fc.Arbitrary<Mutation[]> {
  const targets = targetsOf(model, seed);
  const arbs = [
    ...targets.map((t) => fieldMutations(t, existingIds)),
    ...objectsOf(model, seed)
      .map(extraField)
      .filter((a): a is fc.Arbitrary<Mutation> => a !== null),
  ];
  const one = fc.oneof(...arbs);
  // Mostly one change, so that most bodies break one rule: the checks behind it are reached.
  return fc.oneof({ weight: 6, arbitrary: fc.tuple(one) }, { weight: 3, arbitrary: fc.tuple(one, one) }, { weight: 1, arbitrary: fc.tuple(one, one, one) }).map(unrelated);
}

/** Drops a mutation whose path is inside (or around) an earlier one's: their effects would mix. */
function unrelated(mutations: Mutation[]): Mutation[] {
  const kept: Mutation[] = [];
  const prefixOf = (a: Path, b: Path) => a.length <= b.length && a.every((p, i) => p === b[i]);
  for (const m of mutations) if (!kept.some((k) => prefixOf(k.path, m.path) || prefixOf(m.path, k.path))) kept.push(m);
  return kept;
}

/** A whole body of the wrong shape. */
export function replacedBodies(model: DtoModel): fc.Arbitrary<{ value: unknown; verdict: Verdict }> {
  const anyRequired = model.fields.some((f) => f.required);
  // A null body is an empty one (Nest's ValidationPipe): refused when a field is required.
  const empty: Verdict = anyRequired ? 'refuse' : 'any';
  return fc.oneof(
    fc.constantFrom<unknown>(null, {}).map((value) => ({ value, verdict: empty })),
    fc.constantFrom<unknown>([], [{}], 'text', '', 42, 0, true, false, new RawJson('1e400')).map((value) => ({ value, verdict: 'refuse' as const })),
    deepNest().map((value) => ({ value, verdict: 'refuse' as const })),
  );
}

/** Applies `mutations` to a copy of `seed` (own properties only, `__proto__` included, never the prototype). */
export function applyMutations(seed: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  const body = structuredClone(seed);
  for (const m of mutations) {
    let parent: unknown = body;
    for (const step of m.path.slice(0, -1)) {
      parent = (parent as Record<string | number, unknown> | undefined)?.[step];
    }
    const last = m.path[m.path.length - 1];
    if (last === undefined || parent === null || typeof parent !== 'object') continue;
    if (m.op === 'drop') delete (parent as Record<string | number, unknown>)[last];
    else Object.defineProperty(parent, last, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return body;
}
