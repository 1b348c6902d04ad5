export { openApi, registerEndpoint } from './default';
export type { EndpointSpec, HttpMethod, ResponseSpec } from './endpoint';
export { ErrorResponse, errorResponses, type StandardErrorStatus } from './errors';
export { SchemaCollector, type JsonSchema } from './jsonSchema';
export { OpenApiRegistry, type DocumentOptions, type OpenApiDocument, type SecurityScheme } from './registry';
export { openApiRouter } from './router';
