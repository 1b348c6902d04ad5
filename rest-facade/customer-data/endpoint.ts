import type { z } from 'zod';
import type { Access, ApiParts, CustomerDataApi } from '../access';
import type { PersistedOperation } from '../graph';
import type { GraphQuery } from './graphQuery';

/** Relay page metadata as every listing field of the graph returns it (gateway/README.md). */
export interface PageInfo {
  startCursor: string | null;
  endCursor: string | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** What a listing operation selects under the alias `page`. */
export interface GraphPage<N> {
  nodes: N[];
  pageInfo: PageInfo;
}

/** Keyset page arguments of a graph listing field. */
export interface PageArgs {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

/**
 * One graph listing an API request walks: the operation's variables apart from the page
 * arguments and the include flags. Most requests are one stream; Usage Segments walk one per run
 * of meters sharing a window, in listing order (§10.8.8 orders by meter before time).
 */
export interface Stream {
  variables: Record<string, unknown>;
}

/**
 * What a request will walk: its streams (`[]` = nothing can match, no graph call), and when the
 * streams can only approximate a filter, the exact test each returned node must pass.
 */
export interface Plan<N> {
  streams: Stream[];
  keep?(node: N): boolean;
}

/** The parts of `Access` one API answers from (one per Grant entry reaching it). */
export type PartsOf<A extends CustomerDataApi> = ApiParts[A];
export type Part<A extends CustomerDataApi> = PartsOf<A>[number];

/** What plan and present work from: the request's filters, the token's access and the graph. */
export interface ListingContext<A extends CustomerDataApi, Q> {
  query: Q;
  access: Access;
  parts: PartsOf<A>;
  /** Supporting graph reads (cached like the listing itself). */
  graph: GraphQuery;
  /** `PUBLIC_URL`: linked resources are served under it. */
  publicUrl: string;
  /** `CDS_TIMEZONE`: the local days dates refer to. */
  timezone: string;
}

/** The registered OpenAPI listing (rest-facade/customer-data/schemas/endpoints.ts). */
export interface ListingSpec<Q extends z.ZodObject> {
  path: string;
  listKey: string;
  query: Q;
}

/**
 * A Customer Data listing API described as data (DESIGN.md): served by the one generic handler
 * (./handler.ts) from one persisted GraphQL operation through the gateway.
 *
 * - `listing`: the registered OpenAPI endpoint: path, list key, query-parameter schema (its list
 *   schema is the response schema the tests check).
 * - `api`: the scope rule: the token's `Access` parts for this API; none → 403 `insufficient_scope`.
 * - `operation`: the persisted operation; aliases give the spec's JSON names, each OPTIONAL field
 *   of `optionalFields` is gated `@include(if: $with_<field>)` by the Grants' revealed fields.
 * - `ttlSeconds`: how long an operation result is reused from the cache.
 * - `plan`: request filters ∩ the parts' id sets and windows → the streams' graph variables.
 * - `visibleThrough`: the parts that make a returned node visible; none → the node is not served
 *   (a guard behind the query's own filters). Their revealed fields are the node's fields.
 * - `present`: nodes of one page → spec objects (exact decimals, references pruned to what the
 *   token may see, linked resources under the facade's URLs). May make a constant number of
 *   supporting graph reads per page.
 * - `fetch` (optional): pages of streams the facade computes from graph reads instead of reading
 *   them from the operation directly.
 */
export interface CustomerDataEndpoint<
  A extends CustomerDataApi, Q extends z.ZodObject, N extends object, P extends Plan<N> = Plan<N>,
> {
  listing: ListingSpec<Q>;
  api: A;
  operation: PersistedOperation<{ page: GraphPage<N> }>;
  ttlSeconds: number;
  optionalFields: readonly string[];
  plan(context: ListingContext<A, z.output<Q>>): P | Promise<P>;
  visibleThrough(node: N, parts: PartsOf<A>, access: Access): readonly Part<A>[];
  present(nodes: N[], context: ListingContext<A, z.output<Q>>, plan: P): object[] | Promise<object[]>;
  /** A page of a stream the facade computes itself (e.g. an aggregation's summed usage); null = the operation. */
  fetch?(stream: Stream, args: PageArgs, context: ListingContext<A, z.output<Q>>): Promise<GraphPage<N>> | null;
}

/** A descriptor with its type parameters erased, for the table of endpoints. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCustomerDataEndpoint = CustomerDataEndpoint<any, any, any, any>;
