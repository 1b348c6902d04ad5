import type { Request, RequestHandler } from 'express';
import type { Logger } from '../../lib/logger';
import type { Access } from '../access';
import type { GraphClient } from '../graph';
import { sendExactJson } from '../json';
import type { Pagination } from '../pagination';
import type { OperationCache } from './cache';
import type { AnyCustomerDataEndpoint, GraphPage } from './endpoint';
import { graphQuery } from './graphQuery';
import { parseQuery } from './schemas';
import { includeVariables, insufficientScope, keepRevealed } from './scope';
import { walkStreams } from './walk';

export interface HandlerDeps {
  graph: GraphClient;
  cache: OperationCache;
  /** Pagination (its cursor secret comes from the store, once). */
  pagination(): Promise<Pagination>;
  /** The token's access (the router resolves it once per request). */
  access(req: Request): Promise<Access>;
  log: Logger;
  publicUrl: string;
  timezone: string;
}

/**
 * The one handler behind every Customer Data listing: parse the filters (400), resolve what the
 * token may see (403 when nothing of this API), plan the graph variables, walk one page of the
 * persisted operation (cached), keep only what the token may see, present it in the spec's
 * shape and link the neighbouring pages.
 */
export function listingHandler(endpoint: AnyCustomerDataEndpoint, deps: HandlerDeps): RequestHandler {
  return async (req, res) => {
    const query = parseQuery(endpoint.listing.query, req.query);
    const pager = (await deps.pagination()).forRequest(req.originalUrl);
    const access = await deps.access(req);
    const parts = access[endpoint.api as keyof Access] as AnyParts;
    if (!Array.isArray(parts) || parts.length === 0) throw insufficientScope(endpoint.api);

    const graph = graphQuery(deps.graph, deps.cache, { requestId: req.id });
    const context = { query, access, parts, graph, publicUrl: deps.publicUrl, timezone: deps.timezone };
    const plan = await endpoint.plan(context);
    const include = includeVariables(endpoint.optionalFields, parts);
    const page = await walkStreams<object>(plan.streams, pager.cursor, pager.limit, async (stream, args) => {
      const computed = endpoint.fetch?.(stream, args, context);
      if (computed) return computed;
      const data = await graph.run(endpoint.operation, { ...stream.variables, ...include, ...args }, endpoint.ttlSeconds);
      return (data as { page: GraphPage<object> }).page;
    });

    const nodes: object[] = [];
    for (const node of page.nodes) {
      if (plan.keep && !plan.keep(node)) continue;
      const through = endpoint.visibleThrough(node, parts, access) as AnyParts;
      if (through.length === 0) {
        // The query's own filters should have kept it out: never serve it, and say so.
        (req.log ?? deps.log).warn({ api: endpoint.api }, 'the graph returned an object outside the token\'s access; it was not served');
        continue;
      }
      nodes.push(keepRevealed(node, endpoint.optionalFields, through));
    }
    const objects = await endpoint.present(nodes, context, plan);
    const links = pager.links(page.next, page.previous);
    sendExactJson(res, 200, { [endpoint.listing.listKey]: objects, next: links.next, previous: links.previous });
  };
}

type AnyParts = { fields: string[] }[];
