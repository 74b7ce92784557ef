import fc from 'fast-check';

/**
 * Values the fuzzer sends. Big ones are kept as a recipe (`Repeat`, `Nest`) and built only when
 * the request is made, so that a counterexample prints as `"x"×1048577`, not as a megabyte.
 */
export class Repeat {
  constructor(
    readonly unit: string,
    readonly count: number,
  ) {}
  build(): string {
    return this.unit.repeat(this.count);
  }
  [fc.toStringMethod](): string {
    return `${JSON.stringify(this.unit)}×${this.count}`;
  }
}

/**
 * An array of `count` elements like `item`: copies, or distinct variants of a string (`tag-1`,
 * `tag-2`…; a UUID keeps its shape), for arrays that drop repeated elements before counting them.
 */
export class Many {
  constructor(
    readonly item: unknown,
    readonly count: number,
    readonly distinct = false,
  ) {}
  element(i: number): unknown {
    const item = build(this.item);
    if (!this.distinct || typeof item !== 'string') return item;
    return UUID.test(item) ? `${item.slice(0, 24)}${i.toString(16).padStart(12, '0')}` : `${item}-${i}`;
  }
  [fc.toStringMethod](): string {
    return `[${fc.stringify(this.item)}${this.distinct ? '-i' : ''} ×${this.count}]`;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `depth` levels of `{"a": …}` or `[…]` around `leaf`. */
export class Nest {
  constructor(
    readonly shape: 'object' | 'array',
    readonly depth: number,
  ) {}
  [fc.toStringMethod](): string {
    return this.shape === 'object' ? `{"a":…}×${this.depth}` : `[…]×${this.depth}`;
  }
}

/** A JSON token JSON.stringify cannot write (1e400, 1.0, -0): sent as it is in the body text. */
export class RawJson {
  constructor(readonly text: string) {}
  [fc.toStringMethod](): string {
    return `raw(${this.text})`;
  }
}

/**
 * Turns recipes into the values they stand for, except RawJson and Nest, which only exist as
 * JSON text (a 200,000-level nesting would overflow JSON.stringify's recursion): see toJsonText.
 */
export function build(value: unknown): unknown {
  if (value instanceof Repeat) return value.build();
  if (value instanceof Many) return Array.from({ length: value.count }, (_, i) => value.element(i));
  if (value instanceof Nest || value instanceof RawJson) return value;
  if (Array.isArray(value)) return value.map(build);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, build(v)]));
  return value;
}

/** JSON text of a built body, with RawJson tokens and Nest chains written in verbatim. */
export function toJsonText(value: unknown): string {
  const verbatim: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson || v instanceof Nest) {
      verbatim.push(v instanceof RawJson ? v.text : nestText(v));
      return `\u0000verbatim${verbatim.length - 1}\u0000`;
    }
    return v;
  });
  if (text === undefined) return '';
  return text.replace(/"\\u0000verbatim(\d+)\\u0000"/g, (_, i: string) => verbatim[Number(i)] ?? 'null');
}

function nestText(nest: Nest): string {
  return nest.shape === 'object' ? '{"a":'.repeat(nest.depth) + '"leaf"' + '}'.repeat(nest.depth) : '['.repeat(nest.depth) + '"leaf"' + ']'.repeat(nest.depth);
}

/** Text that has broken programs before: unicode edge cases, SQL and HTML fragments, control characters. */
export const NASTY_TEXT: readonly string[] = [
  '',
  ' ',
  '   \t\n  ',
  '\u0000',
  'a\u0000b',
  'nul at the end\u0000',
  '\uD800',
  'lone \uDFFF surrogate',
  'half an emoji \uD83D',
  '\u202Eevil RTL override',
  'مرحبا بالعالم',
  'שלום\u200F',
  'e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '👩‍👩‍👧‍👦🇮🇹🏳️‍🌈',
  '\uFEFFbom',
  'zero\u200Bwidth',
  '\uFFFF\uFFFE',
  'line\u2028separator\u2029',
  '\u0001\u0002\u0007\u001B[31m\u007F',
  'ß ﬃ İ ı ς',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '" OR ""="',
  '\\',
  '\\x00',
  "E'\\\\x00'",
  '%',
  '%_\\%',
  '$1',
  "1; SELECT pg_sleep(5); --",
  "'::uuid",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;&gt;&amp;&#0;',
  ']]><!--',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  'C:\\Windows\\System32',
  '=HYPERLINK("http://evil.example")',
  '+39 0931 123456',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e400',
  'NaN',
  '[]',
  '{}',
  '__proto__',
];

export const nastyText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY_TEXT), fc.string({ unit: 'grapheme', minLength: 2, maxLength: 20 })).map(([a, b]) => `${b}${a}${b}`) },
  );

/** Strings no UUID validator should take. */
export const INVALID_UUIDS: readonly string[] = [
  '',
  'not-a-uuid',
  '123',
  '7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f1',
  '7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f100',
  '7d8c2d1e44a44c3b9a550d3a3c1b2f10',
  '{7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f10}',
  'urn:uuid:7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f10',
  '7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f1g',
  ' 7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f10',
  '7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f10\n',
  "7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f10' OR '1'='1",
  '7d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f10\u0000',
  '７d8c2d1e-44a4-4c3b-9a55-0d3a3c1b2f10',
  'null',
];

/** Well-formed UUIDs that name nothing (or nothing of the right kind). */
export const strangeUuids = (): fc.Arbitrary<string> =>
  fc.oneof(fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '7D8C2D1E-44A4-4C3B-9A55-0D3A3C1B2F10'), fc.uuid());

/** Calendar dates (YYYY-MM-DD) that do not exist or are not written that way. */
export const INVALID_DATES: readonly string[] = [
  '2021-02-30',
  '2021-13-01',
  '2021-00-10',
  '2021-04-31',
  '2021-1-1',
  '20210101',
  '2021/01/01',
  '01-01-2021',
  ' 2021-01-01',
  '2021-01-01T00:00:00Z',
  '-001-01-01',
  '+2021-01-01',
  '10000-01-01',
  '0000-01-01',
  'today',
  '',
];

/** Calendar dates a validator may take but a database or a rule may not. */
export const EDGE_DATES: readonly string[] = ['0001-01-01', '1582-10-10', '1900-02-28', '1970-01-01', '2000-02-29', '2038-01-19', '9999-12-31'];

export const INVALID_DATE_TIMES: readonly string[] = [
  '2021-12-07T24:00:00Z',
  '2021-12-07T09:60:00Z',
  '2021-12-07T09:45:60Z',
  '2021-12-07T09:45:00',
  '2021-12-07 09:45:00Z',
  '2021-12-07T09:45:00+25:00',
  '2021-02-29T09:45:00Z',
  '2021-12-07',
  '2021-12-07T09:45:00.1234567Z',
  '2021-12-07T09:45:00z',
  'Tue, 07 Dec 2021 09:45:00 GMT',
  '0000-01-01T00:00:00Z',
  '1638866700',
  '',
];

export const EDGE_DATE_TIMES: readonly string[] = [
  '0001-01-01T00:00:00+14:00',
  '1900-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '2021-12-07T09:45:00+14:00',
  '2021-12-07T09:45:00-12:00',
  '9999-12-31T23:59:59-14:00',
  '2021-12-07T09:45:00.999999Z',
];

/** Numbers at and past the edges, some only writable as raw JSON. */
export const EDGE_NUMBERS: readonly unknown[] = [
  0,
  -1,
  1.5,
  0.1,
  -0.5,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  1e308,
  Number.MIN_VALUE,
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('1.0'),
  new RawJson('-0'),
  new RawJson('123456789012345678901234567890'),
];

/** A value of any JSON type but the one a field wants. */
export const anyJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(null, true, false, 0, 1, -1, 1.5, '', 'x', [], {}, [null], { a: 1 }, ['a', 'b']),
    fc.jsonValue({ maxDepth: 3 }),
  );

export const deepNest = (): fc.Arbitrary<Nest> =>
  fc.tuple(fc.constantFrom<'object' | 'array'>('object', 'array'), fc.constantFrom(20, 40, 40, 200, 200, 2_000, 2_000, 20_000, 200_000)).map(([shape, depth]) => new Nest(shape, depth));
