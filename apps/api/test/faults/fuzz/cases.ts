import { hasPermission, PROBLEM_CONTENT_TYPE, Role, ROLES } from '@coopera/domain';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { AppRoute } from '../../app-routes';
import { DtoModel, dtoModel } from './dto-model';
import { applyMutations, Mutation, mutationsOf, replacedBodies, Verdict, worst } from './mutations';
import { Body, FuzzWorld, Headers, RouteFixture } from './route-fixtures';
import { build, INVALID_UUIDS, nastyText, Repeat, strangeUuids, toJsonText } from './values';

/**
 * Refusals any write route may give: those of issue 8, and 414 for a path parameter longer than
 * Fastify's router takes (maxParamLength), which is the precise answer to that.
 */
export const REFUSALS: readonly number[] = [400, 404, 409, 413, 414, 415, 422];

type ParamChoice = { kind: 'fixture'; index: number } | { kind: 'value'; value: string; verdict: Verdict; why: string } | { kind: 'raw'; text: string };

type BodyChoice =
  | { kind: 'seed'; seed: number; mutations: Mutation[] }
  | { kind: 'replace'; value: unknown; verdict: Verdict }
  | { kind: 'multipart'; parts: MultipartPart[]; cutAt: number | null; verdict: Verdict }
  | { kind: 'none' };

interface MultipartPart {
  field: string;
  fileName?: unknown;
  content: unknown;
}

/** One generated request. */
export interface FuzzCase {
  caller: number;
  params: ParamChoice[];
  query: [string, string][] | null;
  contentType: { value: string | null; json: boolean } | null;
  body: BodyChoice;
  cookie: number | null;
}

/** How a route is fuzzed: its generator and what it needs at run time. */
export interface RoutePlan {
  route: AppRoute;
  fixture: RouteFixture;
  callers: (Role | null)[];
  model: DtoModel | null;
  samples: Body[];
  arbitrary: fc.Arbitrary<FuzzCase>;
}

/** The roles a route admits: every case is sent as one of them, so that validation is reached, not the 403. */
export function callersOf(route: AppRoute): (Role | null)[] {
  const rule = route.rule;
  if (!rule || rule.kind === 'public') return [null];
  if (rule.kind === 'authenticated') return [...ROLES];
  return ROLES.filter((role) => rule.permissions.some((p) => hasPermission(role, p)));
}

const isMultipart = (route: AppRoute) => route.consumes.some((c) => c.startsWith('multipart/'));

export async function planRoute(route: AppRoute, fixture: RouteFixture, world: FuzzWorld): Promise<RoutePlan> {
  const model = route.body ? dtoModel(route.body) : null;
  const firstParams = Object.fromEntries(route.pathParams.map((p) => [p, fixture.params?.[p]?.[0] ?? '']));
  const samples = await Promise.all((fixture.seeds ?? []).map((seed) => seed(firstParams)));
  const callers = callersOf(route);
  const params = route.pathParams.map((name) => paramChoice(fixture.params?.[name]?.length ?? 0));
  const arbitrary = fc.record({
    caller: fc.nat({ max: callers.length - 1 }),
    params: fc.tuple(...params),
    query: sometimes(0.15, fc.array(fc.tuple(fc.oneof(fc.constantFrom('version', 'id', 'page', '__proto__', 'a[b]'), nastyText()), nastyText()), { minLength: 1, maxLength: 3 })),
    contentType: sometimes(0.08, contentTypes(route)),
    body: bodies(route, model, samples, world.allIds),
    cookie: fixture.cookies?.length ? sometimes(0.5, fc.nat({ max: fixture.cookies.length - 1 })) : fc.constant(null),
  }) as fc.Arbitrary<FuzzCase>;
  return { route, fixture, callers, model, samples, arbitrary };
}

/** `arbitrary`'s values in about `share` of the cases, null in the others (shrinks towards null). */
function sometimes<T>(share: number, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: Math.round((1 - share) * 100), arbitrary: fc.constant(null) }, { weight: Math.round(share * 100), arbitrary });
}

function paramChoice(fixtures: number): fc.Arbitrary<ParamChoice> {
  const odd: fc.Arbitrary<ParamChoice>[] = [
    fc.constantFrom(...INVALID_UUIDS).map((value) => ({ kind: 'value', value, verdict: 'refuse', why: 'not a UUID' }) as const),
    nastyText().map((value) => ({ kind: 'value', value, verdict: 'refuse', why: 'odd text' }) as const),
    strangeUuids().map((value) => ({ kind: 'value', value, verdict: 'any', why: 'a UUID of nothing' }) as const),
    fc.constantFrom('%', '%zz', '%ED%A0%80', '%00', '..', '.', '%2F', '%2e%2e', 'x'.repeat(150)).map((text) => ({ kind: 'raw', text }) as const),
  ];
  if (!fixtures) return fc.oneof(...odd);
  return fc.oneof({ weight: 12, arbitrary: fc.nat({ max: fixtures - 1 }).map((index) => ({ kind: 'fixture', index }) as const) }, ...odd.map((arbitrary) => ({ weight: 1, arbitrary })));
}

function contentTypes(route: AppRoute): fc.Arbitrary<{ value: string | null; json: boolean }> {
  return fc.oneof(
    fc.constantFrom('application/json; charset=utf-8', 'application/json;charset=UTF-8', 'Application/JSON').map((value) => ({ value, json: true })),
    fc
      .constantFrom<string | null>(
        null,
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'application/octet-stream',
        'application/json-patch+json',
        isMultipart(route) ? 'application/json' : 'multipart/form-data; boundary=fuzz',
        'multipart/form-data',
        'text/html; charset=utf-8',
      )
      .map((value) => ({ value, json: false })),
  );
}

function bodies(route: AppRoute, model: DtoModel | null, samples: Body[], allIds: readonly string[]): fc.Arbitrary<BodyChoice> {
  if (isMultipart(route)) return fc.oneof({ weight: 4, arbitrary: multipartBodies() }, { weight: 1, arbitrary: jsonOnMultipart() });
  if (!model || !samples.length) {
    // The route takes no body: whatever is sent must be ignored or refused, never crash it.
    return fc.oneof(
      { weight: 2, arbitrary: fc.constant<BodyChoice>({ kind: 'none' }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value): BodyChoice => ({ kind: 'replace', value, verdict: 'any' })) },
    );
  }
  const seeded = samples.map((sample, seed) => mutationsOf(model, sample, allIds).map((mutations): BodyChoice => ({ kind: 'seed', seed, mutations })));
  return fc.oneof(
    { weight: 2, arbitrary: fc.nat({ max: samples.length - 1 }).map((seed): BodyChoice => ({ kind: 'seed', seed, mutations: [] })) },
    { weight: 16, arbitrary: fc.oneof(...seeded) },
    { weight: 2, arbitrary: replacedBodies(model).map(({ value, verdict }): BodyChoice => ({ kind: 'replace', value, verdict })) },
  );
}

function jsonOnMultipart(): fc.Arbitrary<BodyChoice> {
  return fc.jsonValue({ maxDepth: 2 }).map((value): BodyChoice => ({ kind: 'replace', value, verdict: 'refuse' }));
}

const PDF_HEAD = '%PDF-1.7\n';
const CONTENTS = {
  pdf: () => Buffer.from(`${PDF_HEAD}fuzz\n%%EOF\n`),
  png: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
  zip: () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0xff, 0xff, 0xff, 0xff]),
  ole: () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
  html: () => Buffer.from('<html><script>alert(1)</script></html>'),
  empty: () => Buffer.alloc(0),
} as const;

function multipartBodies(): fc.Arbitrary<BodyChoice> {
  const fileName = fc.oneof(
    fc.constantFrom('programma.pdf', 'scheda.docx', 'verbale.doc', '../../../etc/passwd.pdf', 'a\u0000b.pdf', '.pdf', '', 'CON.pdf', 'foto.png', 'archivio.zip'),
    nastyText().map((n) => `${n}.pdf`),
    fc.constantFrom(1_000, 10_000).map((n) => new Repeat('x', n)),
  );
  const file = fc.record({
    field: fc.constantFrom('file', 'file', 'file', 'document', ''),
    fileName,
    content: fc.oneof(fc.constantFrom(...(Object.keys(CONTENTS) as (keyof typeof CONTENTS)[])), fc.uint8Array({ maxLength: 64 }).map((bytes) => Array.from(bytes))),
  });
  const title = fc.record({ field: fc.constant('title'), content: fc.oneof(nastyText(), fc.constantFrom(201, 5_000).map((n) => new Repeat('x', n))) });
  const extra = fc.record({ field: fc.constantFrom('version', 'extra', '__proto__'), content: nastyText() });
  return fc
    .tuple(
      sometimes(0.5, title),
      sometimes(0.1, extra),
      fc.array(file, { minLength: 0, maxLength: 2 }),
      // Sometimes the body is cut short, as by a dropped connection: at this fraction of its length.
      sometimes(0.15, fc.double({ min: 0, max: 1, noNaN: true })),
    )
    .map(([t, x, files, cutAt]): BodyChoice => {
      const parts: MultipartPart[] = [...(t ? [t] : []), ...(x ? [x] : []), ...files];
      // The upload takes the first file part, which must be named "file".
      return { kind: 'multipart', parts, cutAt, verdict: files[0]?.field === 'file' && cutAt === null ? 'any' : 'refuse' };
    });
}

function multipartPayload(parts: MultipartPart[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const name = String(build(part.field));
    const fileName = part.fileName === undefined ? null : String(build(part.fileName)).replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
    const disposition = `form-data; name="${name}"${fileName === null ? '' : `; filename="${fileName}"`}`;
    const content =
      typeof part.content === 'string' && Object.hasOwn(CONTENTS, part.content)
        ? CONTENTS[part.content as keyof typeof CONTENTS]()
        : Array.isArray(part.content)
          ? Buffer.from(part.content as number[])
          : Buffer.from(String(build(part.content)));
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${fileName === null ? '' : 'Content-Type: application/octet-stream\r\n'}\r\n`), content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Percent-encodes every byte but the unreserved ones (lone surrogates become U+FFFD, as a browser sends them). */
export function encodeComponent(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** A case made concrete: the request to send and what the API must do with it. */
export interface Prepared {
  options: InjectOptions;
  verdict: Verdict;
  description: string;
}

let address = 0;

export async function prepare(plan: RoutePlan, c: FuzzCase, world: FuzzWorld): Promise<Prepared> {
  const { route, fixture } = plan;
  const verdicts: Verdict[] = [];
  const values: Record<string, string> = {};
  let path = route.path;
  route.pathParams.forEach((name, i) => {
    const choice = c.params[i] ?? { kind: 'fixture', index: 0 };
    let segment: string;
    if (choice.kind === 'fixture') {
      values[name] = fixture.params?.[name]?.[choice.index] ?? '';
      segment = values[name];
    } else if (choice.kind === 'value') {
      values[name] = choice.value;
      segment = encodeComponent(choice.value);
      verdicts.push(choice.verdict);
    } else {
      segment = choice.text;
      verdicts.push('refuse');
    }
    path = path.replace(`:${name}`, segment);
  });
  const query = c.query?.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&');
  const url = query ? `${path}?${query}` : path;

  const role = plan.callers[c.caller] ?? null;
  const headers: Headers = role === null ? {} : fixture.freshCaller ? await world.freshCaller(fixture.freshCaller) : { ...world.auth[role] };
  if (c.cookie !== null && fixture.cookies?.[c.cookie]) headers['cookie'] = fixture.cookies[c.cookie];

  let payload: string | Buffer | undefined;
  let description: string;
  const body = c.body;
  if (body.kind === 'none') description = '(no body)';
  else if (body.kind === 'multipart') {
    const boundary = `fuzz${(address % 1000).toString().padStart(3, '0')}`;
    const whole = multipartPayload(body.parts, boundary);
    payload = body.cutAt === null ? whole : whole.subarray(0, Math.floor(whole.length * body.cutAt));
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    verdicts.push(body.verdict);
    description = `multipart ${fc.stringify(body.parts)}${body.cutAt === null ? '' : ` cut at ${Math.round(body.cutAt * 100)}%`}`;
  } else if (body.kind === 'replace') {
    payload = toJsonText(build(body.value));
    headers['content-type'] = 'application/json';
    if (route.body || isMultipart(route)) verdicts.push(body.verdict);
    description = `body ${fc.stringify(body.value)}`;
  } else {
    const seed = fixture.seeds?.[body.seed];
    const fresh = seed ? await seed(values) : {};
    const built = build(applyMutations(fresh, body.mutations));
    payload = toJsonText(built);
    headers['content-type'] = 'application/json';
    verdicts.push(...body.mutations.map((m) => m.verdict));
    description = `seed #${body.seed} ${body.mutations.length ? body.mutations.map((m) => fc.stringify(m)).join(', ') : '(as is)'}`;
  }
  if (c.contentType && payload !== undefined) {
    if (c.contentType.value === null) delete headers['content-type'];
    else headers['content-type'] = c.contentType.value;
    // A body the route reads, sent as something else than JSON, must be refused.
    if (!c.contentType.json && (route.body || isMultipart(route))) verdicts.push('refuse');
    description += ` as ${c.contentType.value ?? '(no content type)'}`;
  }
  address++;
  return {
    options: {
      method: route.method,
      url,
      headers,
      payload,
      // Each case from its own address: the per-address limits (sign-in, activation) are not what is tested here.
      remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
    },
    verdict: worst(verdicts),
    description: `${route.method} ${url.length > 200 ? `${url.slice(0, 200)}…` : url} as ${role ?? 'anonymous'}: ${description}`,
  };
}

/** What is wrong with an answer, or null. */
export function judge(plan: RoutePlan, prepared: Prepared, res: LightMyRequestResponse): string | null {
  return judgeAnswer(res, [...REFUSALS, ...Object.keys(plan.fixture.alsoRefuses ?? {}).map(Number)], prepared.verdict);
}

/** Never a 5xx; a 2xx only when the request may be valid; a refusal among `allowed`, as problem+json. */
export function judgeAnswer(res: LightMyRequestResponse, allowed: readonly number[], verdict: Verdict): string | null {
  const status = res.statusCode;
  if (status >= 500) return `answered ${status}`;
  if (status >= 200 && status < 300) return verdict === 'refuse' ? `accepted (${status}) a request it must refuse` : null;
  if (!allowed.includes(status)) return `refused with ${status}, not one of ${allowed.join('/')}`;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith(PROBLEM_CONTENT_TYPE)) return `refused with content-type "${type}", not ${PROBLEM_CONTENT_TYPE}`;
  let problem: Record<string, unknown>;
  try {
    problem = res.json<Record<string, unknown>>();
  } catch {
    return 'refused with a body that is not JSON';
  }
  const missing = ['type', 'title', 'detail'].filter((k) => typeof problem[k] !== 'string');
  if (missing.length || problem['status'] !== status) return `refused with a malformed problem (missing ${missing.join(', ') || 'status'})`;
  return null;
}

export function excerpt(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}
