import { Router, type Request } from 'express';
import type { Access } from '../access';
import type { FacadeContext } from '../app';
import type { GraphClient } from '../graph';
import { CursorCodec, Pagination } from '../pagination';
import { encryptResponses } from '../plugins/encryptResponses';
import type { ValueFormatOffer } from '../scopes/customer-data';
import { OperationCache } from './cache';
import { customerDataEndpoints } from './endpoints';
import { graphQuery } from './graphQuery';
import { listingHandler } from './handler';
import { tokenJwk } from './jwk';
import { eacDataHandler, statementFileHandler } from './linked';
import { CUSTOMER_DATA_BASE_PATH } from './schemas';

export interface CustomerDataDeps {
  /** The federation gateway (persisted operations with the internal token). */
  graph: GraphClient;
  /** The `include_usage_segment_value_types` Choices' formats; the demo catalogue by default. */
  valueFormats?: readonly ValueFormatOffer[];
  /** Fetches linked documents (statement files, certificate data) from the legacy systems. */
  fetch?: typeof fetch;
}

export interface CustomerDataRouter {
  router: Router;
  /** Graph results answered from the cache vs read through the gateway. */
  cache: OperationCache;
}

/**
 * The Customer Data APIs (cds-wg3-01 §10) at `/cds-customerdata-api/v1/…`: every listing served by
 * the one generic handler from its descriptor, plus the linked documents. Every response to a
 * token whose Grants carry a `jwk` is encrypted to it (§7.4.6), whatever its status; a request
 * without a valid token gets a clear 401 (no key is known).
 */
export function createCustomerDataRouter(context: FacadeContext, deps: CustomerDataDeps): CustomerDataRouter {
  const { config, store, log, oauth } = context;
  const resolver = context.access?.resolver;
  if (!resolver) throw new Error('the Customer Data APIs need the access resolver (FacadeDeps.access)');
  const cache = new OperationCache(store, { enabled: config.CUSTOMER_DATA_CACHE === 'on' });
  let pagination: Promise<Pagination> | undefined;
  const pages = () => (pagination ??= CursorCodec.fromStore(store).then((codec) => new Pagination(codec, config.PUBLIC_URL)));
  // One resolution per request, shared by the handler and anything else that asks.
  const resolved = new WeakMap<Request, Promise<Access>>();
  const access = (req: Request) => {
    let found = resolved.get(req);
    if (!found) resolved.set(req, (found = resolver.resolve(req.auth!, { requestId: req.id })));
    return found;
  };
  const graph = (req: Request) => graphQuery(deps.graph, cache, { requestId: req.id });

  const router = Router();
  router.use(CUSTOMER_DATA_BASE_PATH, encryptResponses((req) => tokenJwk(req.auth)));
  const authenticated = oauth.requireToken();
  const endpoints = customerDataEndpoints(deps.valueFormats);
  const handlerDeps = { graph: deps.graph, cache, pagination: pages, access, log, publicUrl: config.PUBLIC_URL, timezone: config.CDS_TIMEZONE };
  for (const endpoint of Object.values(endpoints)) router.get(endpoint.listing.path, authenticated, listingHandler(endpoint, handlerDeps));
  const linked = { access, graph, fetch: deps.fetch ?? fetch };
  router.get(`${CUSTOMER_DATA_BASE_PATH}/bill-statements/:id/file`, authenticated, statementFileHandler(endpoints.billStatements, linked));
  router.get(`${CUSTOMER_DATA_BASE_PATH}/eacs/:id/data`, authenticated, eacDataHandler(endpoints.eacs, linked));
  return { router, cache };
}
