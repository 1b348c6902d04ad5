/**
 * The REST facade's client for the federated GraphQL gateway (persisted operations over HTTP with
 * the internal token). Shared by the consent pages, the access resolver and the Customer Data APIs.
 */
export { createGraphClient, type ExecuteOptions, type GraphClient, type GraphClientOptions } from './client';
export { GraphError, type GraphQLErrorEntry } from './errors';
export { defineOperation, loadOperation, type PersistedOperation } from './operations';
export { allPages, chunks, type GraphConnection } from './pages';
export { CustomerGraphOperation, readObjectGraph, type ObjectGraph, type ObjectGraphInput } from './objectGraph';
export { AggregationsOperation, readAggregations, toGraphAggregation, type AggregationNode, type AggregationsFilter } from './aggregations';
export { fetchCustomerGraph, type CustomerGraphInput } from './customerGraph';
