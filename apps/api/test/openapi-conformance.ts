import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { AccessRule } from '../src/auth/access.decorator';
import { listAppRoutes as appRoutes } from './app-routes';

/**
 * Checks answers of the API against its own OpenAPI document (/api/docs/openapi.json): the
 * status must be documented for the operation, the content type must be one documented for that
 * status, and a JSON body must match the documented schema. Objects are closed: a field the
 * document does not name fails, so a leaked column or an undocumented field is caught as surely
 * as a missing one.
 */

export type JsonSchema = Record<string, unknown>;

interface MediaTypeObject {
  schema?: JsonSchema;
}

interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<HttpMethod, OperationObject>>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, unknown> };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What the checks need of an answer: a supertest `Response` and a Fastify `inject` response both fit. */
export interface ResponseLike {
  /** supertest */
  status?: number;
  /** Fastify inject (light-my-request) */
  statusCode?: number;
  headers: Record<string, unknown>;
  /** supertest: the raw text of textual answers */
  text?: string;
  /** Fastify inject: the raw payload */
  payload?: string;
  /** supertest: the parsed body (a Buffer for binary answers) */
  body?: unknown;
}

const documents = new WeakMap<NestFastifyApplication, Promise<OpenApiDocument>>();

/** The app's OpenAPI document, fetched once per app. */
export function loadOpenApi(app: NestFastifyApplication): Promise<OpenApiDocument> {
  let document = documents.get(app);
  if (!document) {
    document = app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: '/api/docs/openapi.json' })
      .then((res) => {
        if (res.statusCode !== 200) throw new Error(`GET /api/docs/openapi.json answered ${res.statusCode}`);
        return res.json<OpenApiDocument>();
      });
    documents.set(app, document);
  }
  return document;
}

export interface AppRoute {
  method: string;
  /** As the OpenAPI document writes it: `/api/v1/comuni/{id}`. */
  path: string;
  rule: AccessRule | undefined;
}

/** Every route the app serves (test/app-routes.ts), its path written as the document writes it. */
export function listAppRoutes(app: NestFastifyApplication): AppRoute[] {
  return appRoutes(app).map((r) => ({ method: r.method, path: r.path.replace(/:(\w+)/g, '{$1}'), rule: r.rule }));
}

/** Every operation of the document as `METHOD /path/{template}`. */
export function listOperations(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths)
    .flatMap(([template, item]) => HTTP_METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${template}`))
    .sort();
}

/**
 * The documented operation that serves `method` on `path`: a concrete path (query allowed) or a
 * template as written in the document. Literal segments win over parameters
 * (`/outbox/overview` before `/outbox/{id}`).
 */
export function findOperation(doc: OpenApiDocument, method: string, path: string): { template: string; operation: OperationObject } | null {
  const verb = method.toLowerCase() as HttpMethod;
  const pathname = path.split('?')[0] ?? path;
  const exact = doc.paths[pathname]?.[verb];
  if (exact) return { template: pathname, operation: exact };
  for (const { template, pattern } of templatesOf(doc)) {
    const operation = doc.paths[template]?.[verb];
    if (operation && pattern.test(pathname)) return { template, operation };
  }
  return null;
}

/** Everything in `res` that the document does not allow; empty when it conforms. */
export function openApiMismatches(doc: OpenApiDocument, method: string, path: string, res: ResponseLike): string[] {
  const found = findOperation(doc, method, path);
  if (!found) return [`${method.toUpperCase()} ${path} is not in the OpenAPI document`];
  const where = `${method.toUpperCase()} ${found.template}`;
  const status = res.status ?? res.statusCode;
  if (status === undefined) return [`${where}: the response has no status`];

  const documented = found.operation.responses[String(status)] ?? found.operation.responses['default'];
  if (!documented) {
    const known = Object.keys(found.operation.responses).join(', ');
    return [`${where}: status ${status} is not documented (documented: ${known})${problemSummary(res)}`];
  }

  const contentType = mediaTypeOf(res.headers['content-type']);
  const raw = rawTextOf(res);
  if (!documented.content || Object.keys(documented.content).length === 0) {
    return isEmpty(res, raw) ? [] : [`${where} ${status}: the document promises no body, but one came (${contentType ?? 'no content type'})`];
  }
  if (!contentType) {
    return isEmpty(res, raw) ? [`${where} ${status}: the document promises a body, none came`] : [`${where} ${status}: a body without a content type`];
  }
  const mediaKey = matchMediaType(Object.keys(documented.content), contentType);
  if (mediaKey === null) {
    return [`${where} ${status}: content type ${contentType} is not documented (documented: ${Object.keys(documented.content).join(', ')})`];
  }
  const schema = documented.content[mediaKey]?.schema;
  if (!schema || !isJson(contentType)) return [];

  let body: unknown;
  try {
    body = raw !== undefined ? JSON.parse(raw) : res.body;
  } catch {
    return [`${where} ${status}: the body is not JSON although the content type is ${contentType}`];
  }
  const validate = validatorFor(doc, schema);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${where} ${status}: ${describeError(e)}`);
}

/** Fails (with every mismatch and the body) unless `res` is what the document says `method path` answers. */
export function expectMatchesOpenApi(doc: OpenApiDocument, method: string, path: string, res: ResponseLike): void {
  const mismatches = openApiMismatches(doc, method, path, res);
  if (mismatches.length > 0) {
    const body = (rawTextOf(res) ?? '').slice(0, 1500);
    throw new Error(`The answer does not match the OpenAPI document:\n  ${mismatches.join('\n  ')}\nbody: ${body}`);
  }
}

// ---------------------------------------------------------------------------------------------

const SCHEMA_BASE = 'https://coopera.example/openapi/components/schemas/';

interface Compiled {
  ajv: Ajv;
  validators: Map<string, ValidateFunction>;
  templates: { template: string; pattern: RegExp }[];
}

const compiled = new WeakMap<OpenApiDocument, Compiled>();

function compiledOf(doc: OpenApiDocument): Compiled {
  let entry = compiled.get(doc);
  if (!entry) {
    // strict: a schema keyword ajv does not know is a mistake in the conversion, not something to skip.
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
    addFormats(ajv);
    // Annotations of OpenAPI 3.0 that JSON Schema does not have.
    ajv.addVocabulary(['example', 'xml', 'externalDocs']);
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      ajv.addSchema(toJsonSchema(schema), SCHEMA_BASE + name);
    }
    entry = { ajv, validators: new Map(), templates: buildTemplates(doc) };
    compiled.set(doc, entry);
  }
  return entry;
}

function validatorFor(doc: OpenApiDocument, schema: JsonSchema): ValidateFunction {
  const { ajv, validators } = compiledOf(doc);
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(schema));
    validators.set(key, validate);
  }
  return validate;
}

function templatesOf(doc: OpenApiDocument): { template: string; pattern: RegExp }[] {
  return compiledOf(doc).templates;
}

function buildTemplates(doc: OpenApiDocument): { template: string; pattern: RegExp }[] {
  const parameters = (template: string) => (template.match(/\{[^}]+\}/g) ?? []).length;
  return Object.keys(doc.paths)
    .filter((template) => template.includes('{'))
    .sort((a, b) => parameters(a) - parameters(b) || b.length - a.length)
    .map((template) => ({
      template,
      pattern: new RegExp(`^${template.split(/\{[^}]+\}/).map(escapeRegExp).join('[^/]+')}$`),
    }));
}

/**
 * OpenAPI 3.0 schema objects to JSON Schema (draft-07, as ajv reads it): `nullable` becomes a
 * union with null (also around `$ref`/`allOf`, where ajv's own `nullable` would not reach),
 * component references point at the schemas added to ajv, and objects that list their
 * properties are closed.
 */
function toJsonSchema(schema: unknown): JsonSchema {
  return convert(schema) as JsonSchema;
}

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== 'object') return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace('#/components/schemas/', SCHEMA_BASE);
    } else if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, convert(property)]));
    } else if (key === 'example' || key === 'enum' || key === 'default') {
      out[key] = value;
    } else {
      out[key] = convert(value);
    }
  }
  const properties = source['properties'];
  const listsProperties = properties !== null && typeof properties === 'object' && Object.keys(properties).length > 0;
  if (listsProperties && out['additionalProperties'] === undefined) out['additionalProperties'] = false;
  if (source['nullable'] === true) {
    const { description, ...rest } = out;
    return { ...(description === undefined ? {} : { description }), anyOf: [{ type: 'null' }, rest] };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function mediaTypeOf(header: unknown): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' || value.trim() === '') return null;
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

function matchMediaType(documented: string[], actual: string): string | null {
  if (documented.includes(actual)) return actual;
  const range = documented.find((d) => d === '*/*' || (d.endsWith('/*') && actual.startsWith(d.slice(0, -1))));
  return range ?? null;
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function rawTextOf(res: ResponseLike): string | undefined {
  if (typeof res.text === 'string') return res.text;
  if (typeof res.payload === 'string') return res.payload;
  return undefined;
}

function isEmpty(res: ResponseLike, raw: string | undefined): boolean {
  if (raw !== undefined) return raw === '';
  const body = res.body;
  if (body === undefined || body === null || body === '') return true;
  if (Buffer.isBuffer(body)) return body.length === 0;
  return typeof body === 'object' && Object.keys(body).length === 0;
}

function problemSummary(res: ResponseLike): string {
  const raw = rawTextOf(res);
  return raw ? `; body: ${raw.slice(0, 300)}` : '';
}

function describeError(error: ErrorObject): string {
  const at = error.instancePath === '' ? 'body' : `body${error.instancePath.replace(/\//g, '.')}`;
  if (error.keyword === 'additionalProperties') {
    return `${at} has "${String((error.params as { additionalProperty: string }).additionalProperty)}", which the document does not name`;
  }
  if (error.keyword === 'enum') {
    return `${at} ${error.message ?? ''}: ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`;
  }
  return `${at} ${error.message ?? error.keyword} (schema ${error.schemaPath})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
