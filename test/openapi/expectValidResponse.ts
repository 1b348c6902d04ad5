import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { stringifyExact } from '../../rest-facade/json';
import { openApi, type OpenApiDocument, type OpenApiRegistry } from '../../rest-facade/openapi';

// ajv-formats is CommonJS; under ESM its function may sit on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule);

const DOC_ID = 'https://cds-gateway.invalid/openapi.json';

interface Compiled {
  document: OpenApiDocument;
  ajv: Ajv2020;
  validators: Map<string, ValidateFunction>;
}

let compiled: Compiled | null = null;

function forDocument(document: OpenApiDocument): Compiled {
  if (compiled?.document === document) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  // The document itself is the schema store: response schemas $ref into its components.
  ajv.addSchema({ $id: DOC_ID, components: { schemas: document.components.schemas } });
  compiled = { document, ajv, validators: new Map() };
  return compiled;
}

function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? DOC_ID + v : absoluteRefs(v)]),
  );
}

function findOperation(document: OpenApiDocument, method: string, pathname: string) {
  // Literal paths before templated ones, so `/clients/metadata` is not taken for `/clients/{id}`.
  const byLiteralness = Object.entries(document.paths).sort(([a], [b]) => a.split('{').length - b.split('{').length);
  for (const [template, item] of byLiteralness) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const operation = item[method.toLowerCase() as keyof typeof item];
    if (operation && pattern.test(pathname)) return { template, operation };
  }
  return null;
}

/**
 * Asserts that a response our tests received is what the published OpenAPI document promises for
 * that operation and status: the path (a path, path + query, or full URL) must be documented, the
 * status must be documented, and the JSON body must validate (JSON Schema 2020-12 with formats).
 * `body` is the raw response text or the parsed value (plain `JSON.parse` or `parseExact`).
 * Decimals are checked as JSON numbers here; their exact digits are checked with `parseExact`.
 */
export function expectValidResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
  registry: OpenApiRegistry = openApi,
): void {
  const { document, ajv, validators } = forDocument(registry.document());
  const pathname = new URL(path, 'http://facade.invalid').pathname;
  const found = findOperation(document, method, pathname);
  if (!found) throw new Error(`${method.toUpperCase()} ${pathname} is not in the published OpenAPI document`);
  const responses = found.operation.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>;
  const response = responses[String(status)] ?? responses.default;
  if (!response) {
    throw new Error(`${method.toUpperCase()} ${found.template} does not document status ${status} (documents ${Object.keys(responses).join(', ')})`);
  }
  const schema = response.content?.['application/json']?.schema;
  const key = `${method.toUpperCase()} ${found.template} ${status}`;
  if (!schema) {
    if (body !== undefined && body !== '') throw new Error(`${key} documents no JSON body, but one was received`);
    return;
  }
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(absoluteRefs(schema) as object);
    validators.set(key, validate);
  }
  const value = typeof body === 'string' ? JSON.parse(body) : JSON.parse(stringifyExact(body));
  if (!validate(value)) {
    const problems = (validate.errors ?? []).slice(0, 10).map((e) => `  ${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    throw new Error(`${key}: the body does not match the published document:\n${problems.join('\n')}`);
  }
}
