/**
 * The Customer Data APIs of cds-wg3-01 §10 (README.md in this folder: the endpoint descriptor format).
 *
 *   createCustomerDataRouter(context, { graph }) → { router, cache }   // mounted by rest-facade/app.ts
 *   customerDataEndpoints(valueFormats?)                               // the nine descriptors
 */
export { createCustomerDataRouter, type CustomerDataDeps, type CustomerDataRouter } from './router';
export { customerDataEndpoints } from './endpoints';
export type { CustomerDataEndpoint, Plan, Stream, ListingContext, GraphPage, PageInfo } from './endpoint';
export { OperationCache, type CacheStats } from './cache';
export { tokenJwk } from './jwk';
export { statementFileUrl, eacDataUrl } from './linked';
