import type { EndpointSpec } from './endpoint';
import { OpenApiRegistry } from './registry';

/** The project's published document: every part registers its endpoints here. */
export const openApi = new OpenApiRegistry({
  cds_access_token: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'OAuth 2.0 access token (RFC 6750) from the token endpoint, bound to Grants (cds-wg1-02 §8).',
  },
});

/** `openApi.register(spec)`: one call per endpoint, returning the spec for its handler. */
export function registerEndpoint<T extends EndpointSpec>(spec: T): T {
  return openApi.register(spec);
}
