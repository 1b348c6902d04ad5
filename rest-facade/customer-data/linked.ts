import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import type { Access } from '../access';
import { badRequest, HttpError, notFound } from '../errors';
import { ErrorResponse, errorResponses, registerEndpoint } from '../openapi';
import type { AnyCustomerDataEndpoint, GraphPage } from './endpoint';
import type { GraphQuery } from './graphQuery';
import { CUSTOMER_DATA_BASE_PATH } from './schemas';
import { anyRevealed, includeVariables, insufficientScope } from './scope';

/**
 * Linked resources the spec requires under the same authentication as their API (cds-wg3-01
 * §10.5.1 `file_uri`, §10.9.1 `eac_data_url`): the facade serves them itself after the same
 * access checks as the listing, and never hands out a legacy system's internal URL.
 */

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

export function statementFileUrl(publicUrl: string, statementId: string): string {
  return `${base(publicUrl)}${CUSTOMER_DATA_BASE_PATH}/bill-statements/${encodeURIComponent(statementId)}/file`;
}

export function eacDataUrl(publicUrl: string, eacId: string): string {
  return `${base(publicUrl)}${CUSTOMER_DATA_BASE_PATH}/eacs/${encodeURIComponent(eacId)}/data`;
}

const idParam = (what: string) => z.object({ id: z.string().min(1).max(200).meta({ description: what }) });

export const getStatementFile = registerEndpoint({
  method: 'get',
  path: `${CUSTOMER_DATA_BASE_PATH}/bill-statements/{id}/file`,
  operationId: 'getBillStatementFile',
  summary: 'Get a Bill Statement file',
  description: 'cds-wg3-01 §10.5.1 `file_uri`: the statement document (e.g. PDF), for tokens that may see the statement and its file (§7.2.5.1). Encrypted like the listings when the Grant carries a `jwk`.',
  tags: ['Customer Data'],
  security: ['cds_access_token'],
  params: idParam('`cds_billstatement_id`'),
  responses: {
    200: { description: 'The statement document.', binary: ['application/pdf', 'application/octet-stream'] },
    ...errorResponses(400, 401, 403, 404, 429, 503),
    502: { description: 'The billing system answered with something unusable (`bad_gateway`).', schema: ErrorResponse },
  },
});

export const getEacData = registerEndpoint({
  method: 'get',
  path: `${CUSTOMER_DATA_BASE_PATH}/eacs/{id}/data`,
  operationId: 'getEnergyAttributeCertificateData',
  summary: 'Get an Energy Attribute Certificate\'s data',
  description: 'cds-wg3-01 §10.9.1 `eac_data_url`: the certificate data in its `eac_format`, for tokens that may see the certificate. Encrypted like the listings when the Grant carries a `jwk`.',
  tags: ['Customer Data'],
  security: ['cds_access_token'],
  params: idParam('`cds_eac_id`'),
  responses: {
    200: { description: 'The certificate data document.', binary: ['application/json', 'application/octet-stream'] },
    ...errorResponses(400, 401, 403, 404, 429, 503),
    502: { description: 'The certificate registry answered with something unusable (`bad_gateway`).', schema: ErrorResponse },
  },
});

interface LinkedDeps {
  access(req: Request): Promise<Access>;
  graph(req: Request): GraphQuery;
  fetch: typeof fetch;
}

function idOf(schema: z.ZodObject<{ id: z.ZodString }>, req: Request): string {
  const parsed = schema.safeParse(req.params);
  if (!parsed.success) throw badRequest('the id in the path is not valid');
  return parsed.data.id;
}

/** One object of a listing by id, if the token may see it, with the fields its parts reveal. */
async function visibleObject(endpoint: AnyCustomerDataEndpoint, id: string, access: Access, graph: GraphQuery) {
  const parts = access[endpoint.api as keyof Access] as { fields: string[] }[];
  if (!Array.isArray(parts) || parts.length === 0) throw insufficientScope(endpoint.api);
  const variables = { filter: { ids: [id] }, first: 1, ...includeVariables(endpoint.optionalFields, parts) };
  const { page } = await graph.run(endpoint.operation, variables, endpoint.ttlSeconds) as { page: GraphPage<Record<string, unknown>> };
  const node = page.nodes[0];
  const through = node ? endpoint.visibleThrough(node, parts, access) as { fields: string[] }[] : [];
  return through.length > 0 ? { node: node!, revealed: anyRevealed(through) } : null;
}

/** Fetches a legacy system's document and relays it; a failing system is a 502/503, never a 500. */
async function relay(res: Parameters<RequestHandler>[1], deps: LinkedDeps, url: string, type: string | null): Promise<void> {
  let upstream: Response;
  try {
    upstream = await deps.fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch {
    throw new HttpError(503, 'temporarily_unavailable', 'the system holding this document did not answer; try again later', { 'Retry-After': '5' });
  }
  if (upstream.status === 404) throw notFound('no such document');
  if (!upstream.ok) {
    throw upstream.status === 503
      ? new HttpError(503, 'temporarily_unavailable', 'the system holding this document is unavailable; try again later', { 'Retry-After': '5' })
      : new HttpError(502, 'bad_gateway', `the system holding this document answered ${upstream.status}`);
  }
  const body = Buffer.from(await upstream.arrayBuffer());
  res.status(200).type(type ?? upstream.headers.get('content-type') ?? 'application/octet-stream').send(body);
}

export function statementFileHandler(endpoint: AnyCustomerDataEndpoint, deps: LinkedDeps): RequestHandler {
  return async (req, res) => {
    const id = idOf(getStatementFile.params, req);
    const found = await visibleObject(endpoint, id, await deps.access(req), deps.graph(req));
    // A token that may not see the file (§7.2.5.1) learns no more than that there is none.
    const uri = found?.revealed.has('file_uri') ? found.node.file_uri : null;
    if (typeof uri !== 'string') throw notFound('no such bill statement file');
    await relay(res, deps, uri, typeof found!.node.file_mimetype === 'string' ? found!.node.file_mimetype : null);
  };
}

export function eacDataHandler(endpoint: AnyCustomerDataEndpoint, deps: LinkedDeps): RequestHandler {
  return async (req, res) => {
    const id = idOf(getEacData.params, req);
    const found = await visibleObject(endpoint, id, await deps.access(req), deps.graph(req));
    if (!found || typeof found.node.eac_data_url !== 'string') throw notFound('no such energy attribute certificate');
    await relay(res, deps, found.node.eac_data_url, null);
  };
}
