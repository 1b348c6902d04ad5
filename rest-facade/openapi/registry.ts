import { createRequire } from 'node:module';
import type { z } from 'zod';
import type { EndpointSpec, HttpMethod, ResponseSpec } from './endpoint';
import { SchemaCollector, type JsonSchema } from './jsonSchema';

export type SecurityScheme = Record<string, unknown> & { type: 'http' | 'apiKey' | 'oauth2' | 'openIdConnect' | 'mutualTLS' };
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Partial<Record<HttpMethod, Record<string, unknown>>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, SecurityScheme> };
};

export interface DocumentOptions {
  /** The base URL clients use (`PUBLIC_URL`); becomes the document's `servers` entry. */
  publicUrl?: string;
}

const METHODS = new Set<HttpMethod>(['get', 'post', 'put', 'patch', 'delete']);
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

function templateParams(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

/**
 * The endpoints of the published OpenAPI 3.1 document. Each part registers its endpoints once
 * (`register(spec)`, which returns the spec for the handler to use); the document is generated from
 * the same zod schemas on demand and cached until the next registration.
 */
export class OpenApiRegistry {
  private readonly endpoints = new Map<string, EndpointSpec>();
  private readonly schemes = new Map<string, SecurityScheme>();
  private cached: { key: string; document: OpenApiDocument } | null = null;

  constructor(schemes: Record<string, SecurityScheme> = {}) {
    for (const [name, scheme] of Object.entries(schemes)) this.securityScheme(name, scheme);
  }

  securityScheme(name: string, scheme: SecurityScheme): void {
    if (this.schemes.has(name)) throw new Error(`security scheme ${name} is already registered`);
    this.schemes.set(name, scheme);
    this.cached = null;
  }

  /** Registers one endpoint; throws at start-up on a duplicate, an unknown scheme or mismatched path parameters. */
  register<T extends EndpointSpec>(spec: T): T {
    const key = `${spec.method.toUpperCase()} ${spec.path}`;
    if (!METHODS.has(spec.method)) throw new Error(`${key}: unknown method`);
    if (!spec.path.startsWith('/')) throw new Error(`${key}: the path must start with /`);
    if (this.endpoints.has(key)) throw new Error(`${key} is already registered`);
    for (const other of this.endpoints.values()) {
      if (other.operationId === spec.operationId) throw new Error(`${key}: operationId ${spec.operationId} is already used`);
    }
    const declared = Object.keys(spec.params?.shape ?? {}).sort();
    const inPath = templateParams(spec.path).sort();
    if (declared.join() !== inPath.join()) throw new Error(`${key}: params {${declared}} do not match the path's {${inPath}}`);
    for (const name of spec.security) {
      if (!this.schemes.has(name)) throw new Error(`${key}: unknown security scheme ${name}`);
    }
    this.endpoints.set(key, spec);
    this.cached = null;
    return spec;
  }

  list(): EndpointSpec[] {
    return [...this.endpoints.values()];
  }

  document(options: DocumentOptions = {}): OpenApiDocument {
    const key = JSON.stringify(options);
    if (this.cached?.key !== key) this.cached = { key, document: this.build(options) };
    return this.cached.document;
  }

  private build(options: DocumentOptions): OpenApiDocument {
    const schemas = new SchemaCollector();
    const paths: OpenApiDocument['paths'] = {};
    const sorted = [...this.endpoints.values()].sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
    for (const spec of sorted) {
      (paths[spec.path] ??= {})[spec.method] = operation(spec, schemas);
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'CDS Gateway',
        version,
        description:
          'Connected Data Specifications over a utility\'s existing systems: server metadata (cds-wg1-01), ' +
          'client registration and management (cds-wg1-02) and the Customer Data APIs (cds-wg3-01). ' +
          'Decimals are exact JSON numbers: parse them without converting to binary floating point.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
      ...(options.publicUrl ? { servers: [{ url: options.publicUrl }] } : {}),
      paths,
      components: {
        schemas: Object.fromEntries(Object.entries(schemas.components).sort(([a], [b]) => a.localeCompare(b))),
        securitySchemes: Object.fromEntries(this.schemes),
      },
    };
  }
}

function parameters(where: 'path' | 'query' | 'header', object: z.ZodObject | undefined, schemas: SchemaCollector) {
  if (!object) return [];
  const json = schemas.convert(object, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function response(spec: ResponseSpec, schemas: SchemaCollector) {
  const content: Record<string, unknown> = {};
  if (spec.schema) content['application/json'] = { schema: schemas.convert(spec.schema, 'output') };
  for (const mediaType of spec.binary ?? []) content[mediaType] = {};
  const headers = Object.entries(spec.headers ?? {}).map(([name, h]) => [name, { ...h, schema: { type: 'string' } }]);
  return {
    description: spec.description,
    ...(headers.length ? { headers: Object.fromEntries(headers) } : {}),
    ...(Object.keys(content).length ? { content } : {}),
  };
}

function operation(spec: EndpointSpec, schemas: SchemaCollector): Record<string, unknown> {
  const params = [
    ...parameters('path', spec.params, schemas),
    ...parameters('query', spec.query, schemas),
    ...parameters('header', spec.headers, schemas),
  ];
  const body = spec.body && {
    required: spec.body.required ?? true,
    content: { [spec.body.contentType ?? 'application/json']: { schema: schemas.convert(spec.body.schema, 'input') } },
  };
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.tags?.length ? { tags: [...spec.tags] } : {}),
    security: spec.security.map((name) => ({ [name]: [] })),
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: Object.fromEntries(Object.entries(spec.responses).map(([status, r]) => [status, response(r, schemas)])),
  };
}
