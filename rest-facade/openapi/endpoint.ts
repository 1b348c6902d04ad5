import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  /** The `application/json` body. */
  schema?: z.ZodType;
  /** Other media types with an opaque body this response may carry instead (e.g. an encrypted body). */
  binary?: readonly string[];
  headers?: Readonly<Record<string, { description: string; required?: boolean }>>;
}

/**
 * One endpoint, described once: the same zod schemas validate the request in the handler, type the
 * response, and generate the OpenAPI document.
 */
export interface EndpointSpec {
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/cds-api/v1/clients/{client_id}`. */
  path: string;
  /** Unique across the document. */
  operationId: string;
  summary: string;
  description?: string;
  tags?: readonly string[];
  /** Names of registered security schemes, any one of which suffices; `[]` for a public endpoint. */
  security: readonly string[];
  /** Path parameters: one key per `{name}` in `path`. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: { schema: z.ZodType; contentType?: string; required?: boolean };
  responses: Readonly<Record<number, ResponseSpec>>;
}
