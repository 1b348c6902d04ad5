// Customer Data (cds-wg3-01 §10) response objects, listing queries and the nine listing endpoints.
// Decimals are `JsonDecimal` (rest-facade/json): build responses with them, send with `sendExactJson`.
export * from './account';
export * from './aggregation';
export * from './billSection';
export * from './billStatement';
export type { TypeFields } from './common';
export * from './eac';
export * from './endpoints';
export * from './entity';
export * from './fieldTypes';
export * from './listing';
export * from './meterDevice';
export * from './primitives';
export * from './queries';
export * from './serviceContract';
export * from './servicePoint';
export * from './usageSegment';
export * from './valueFormats';
