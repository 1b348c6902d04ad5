import { z } from 'zod';
import { clientListingSchema, clientObjectSchema } from '../clients/schema';
import { credentialListingSchema, credentialObjectSchema } from '../credentials/schema';
import { fileListingSchema, fileObjectSchema } from '../files/schema';
import { authorizationDetailSchema, grantListingSchema, grantObjectSchema } from '../grants/schema';
import { messageListingSchema, messageObjectSchema } from '../messages/schema';
import { openApi, registerEndpoint } from './default';
import { ErrorResponse, errorResponses } from './errors';

/**
 * The REST endpoints of the product besides the Customer Data APIs, described from the zod schemas
 * their parts already validate with: discovery (cds-wg1-01, RFC 8414), OAuth (RFC 6749, 7009,
 * 7662, 9126, 7591 + cds-wg1-02 §4), the cds-wg1-02 management APIs (§5–§9) and the operator API.
 * Browser pages (consent, docs, the registration form) are HTML and not listed.
 */

openApi.securityScheme('client_secret_basic', { type: 'http', scheme: 'basic', description: 'RFC 6749 §2.3.1 client authentication' });
openApi.securityScheme('admin_token', { type: 'http', scheme: 'bearer', description: 'ADMIN_API_TOKEN: the operator API' });

const json = z.looseObject({});
const ids = (what: string) => z.string().optional().meta({ description: `Space-separated ${what}.` });
const page = { cursor: z.string().optional().meta({ description: 'Opaque position from a `next`/`previous` link.' }) };
const datetimeBound = (what: string) => z.string().optional().meta({ description: `RFC 3339 datetime: ${what}.` });
const id = (name: string) => z.object({ [name]: z.string() });
const wg1 = ['cds_access_token'];
const tags = { discovery: ['Discovery'], oauth: ['OAuth'], wg1: ['Client Registration and Management'], admin: ['Operator'] };
const form = (schema: z.ZodObject) => ({ schema, contentType: 'application/x-www-form-urlencoded' });
const metadataDocument = (description: string) => ({ description, schema: json, headers: { ETag: { description: 'Validator of the document' } } });

// ── Discovery (cds-wg1-01, RFC 8414, cds-wg1-02 §3)
registerEndpoint({
  method: 'get', path: '/.well-known/cds-server-metadata.json', operationId: 'getCdsServerMetadata', summary: 'CDS Server Metadata',
  description: 'cds-wg1-01 §3: the Server Metadata document.', tags: tags.discovery, security: [],
  responses: { 200: metadataDocument('The Server Metadata.'), 304: { description: 'Not modified (If-None-Match).' } },
});
registerEndpoint({
  method: 'get', path: '/.well-known/oauth-authorization-server', operationId: 'getAuthorizationServerMetadata', summary: 'OAuth Authorization Server Metadata',
  description: 'RFC 8414 with the cds-wg1-02 §3.2 and cds-wg3-01 §5 members.', tags: tags.discovery, security: [],
  responses: { 200: metadataDocument('The Authorization Server Metadata.'), 304: { description: 'Not modified (If-None-Match).' } },
});
registerEndpoint({
  method: 'get', path: '/cds-coverage.json', operationId: 'listCoverageEntries', summary: 'Coverage Entries',
  description: 'cds-wg1-01 §4: where the Server offers its services.', tags: tags.discovery, security: [],
  query: z.object({ ids: ids('Coverage Entry ids'), ...page }),
  responses: { 200: { description: 'A page of Coverage Entries.', schema: json }, ...errorResponses(400) },
});
registerEndpoint({
  method: 'get', path: '/cds-coverage/{id}.geojson', operationId: 'getCoverageGeoJson', summary: 'A Coverage Entry\'s area',
  description: 'cds-wg1-01 §4.3: the GeoJSON (RFC 7946) of a Coverage Entry.', tags: tags.discovery, security: [],
  params: id('id'), responses: { 200: { description: 'GeoJSON.', binary: ['application/geo+json'] }, ...errorResponses(400, 404) },
});
registerEndpoint({
  method: 'get', path: '/openapi.json', operationId: 'getOpenApiDocument', summary: 'This OpenAPI document', tags: tags.discovery, security: [],
  responses: { 200: { description: 'The OpenAPI 3.1 document.', schema: json } },
});

// ── OAuth (RFC 6749, RFC 9126, RFC 7009, RFC 7662, RFC 7591 + cds-wg1-02 §4)
const tokenResponse = z.looseObject({
  access_token: z.string(), token_type: z.string(), expires_in: z.number().int(), scope: z.string().optional(),
  refresh_token: z.string().optional(), authorization_details: z.array(authorizationDetailSchema).optional(),
  cds_grant_ids: z.array(z.string()).optional(),
});
registerEndpoint({
  method: 'post', path: '/oauth/token', operationId: 'token', summary: 'Token endpoint',
  description: 'RFC 6749 §3.2: authorization_code (with PKCE), client_credentials (RFC 9396 `authorization_details`, cds-wg1-02 §8.4 `cds_grant_ids`), refresh_token.',
  tags: tags.oauth, security: ['client_secret_basic'],
  body: form(z.looseObject({ grant_type: z.string() })),
  responses: { 200: { description: 'Tokens.', schema: tokenResponse }, ...errorResponses(400, 401, 413, 415, 429) },
});
registerEndpoint({
  method: 'post', path: '/oauth/par', operationId: 'pushAuthorizationRequest', summary: 'Pushed Authorization Request',
  description: 'RFC 9126.', tags: tags.oauth, security: ['client_secret_basic'],
  body: form(z.looseObject({ response_type: z.string(), client_id: z.string() })),
  responses: { 201: { description: 'The request_uri.', schema: z.object({ request_uri: z.string(), expires_in: z.number().int() }) }, ...errorResponses(400, 401, 413, 415, 429) },
});
const authorizeRequest = z.looseObject({ client_id: z.string(), response_type: z.string().optional(), request_uri: z.string().optional() });
const authorizeResponses = {
  302: { description: 'To the consent pages, or back to the Client with an error.' }, 303: { description: 'See other.' },
  400: { description: 'Invalid Request Error page.', binary: ['text/html'] },
};
const authorizeDescription = 'RFC 6749 §4.1.1: hands the browser to the consent pages, or redirects back with an error; an Invalid Request Error page (HTML) when no redirect is safe.';
registerEndpoint({
  method: 'get', path: '/oauth/authorize', operationId: 'authorize', summary: 'Authorization endpoint', description: authorizeDescription,
  tags: tags.oauth, security: [], query: authorizeRequest, responses: authorizeResponses,
});
registerEndpoint({
  method: 'post', path: '/oauth/authorize', operationId: 'authorizeByPost', summary: 'Authorization endpoint (form post)', description: authorizeDescription,
  tags: tags.oauth, security: [], body: form(authorizeRequest),
  // A form body the parser cannot read never reaches the authorize logic: a JSON error.
  responses: { ...authorizeResponses, ...errorResponses(413, 415) },
});
registerEndpoint({
  method: 'post', path: '/oauth/token/revoke', operationId: 'revoke', summary: 'Token revocation',
  description: 'RFC 7009.', tags: tags.oauth, security: ['client_secret_basic'],
  body: form(z.looseObject({ token: z.string() })),
  responses: { 200: { description: 'Revoked (or unknown).' }, ...errorResponses(400, 401, 413, 415, 429) },
});
registerEndpoint({
  method: 'post', path: '/oauth/token/info', operationId: 'introspect', summary: 'Token introspection',
  description: 'RFC 7662.', tags: tags.oauth, security: ['client_secret_basic'],
  body: form(z.looseObject({ token: z.string() })),
  responses: { 200: { description: 'The token\'s state.', schema: z.looseObject({ active: z.boolean() }) }, ...errorResponses(400, 401, 413, 415, 429) },
});
registerEndpoint({
  method: 'get', path: '/oauth/jwks', operationId: 'jwks', summary: 'Signing keys',
  description: 'RFC 7517: the keys access tokens are signed with (RFC 9068).', tags: tags.oauth, security: [],
  responses: { 200: { description: 'A JWK Set.', schema: z.looseObject({ keys: z.array(z.looseObject({ kty: z.string() })) }) } },
});
registerEndpoint({
  method: 'post', path: '/oauth/register', operationId: 'register', summary: 'Client registration',
  description: 'cds-wg1-02 §4 (RFC 7591): creates the registration\'s Clients; answers with the admin Client and its secret, shown once.',
  tags: tags.oauth, security: [],
  body: { schema: json },
  responses: { 201: { description: 'The admin Client.', schema: clientObjectSchema.extend({ client_secret: z.string() }) }, ...errorResponses(400, 413, 415, 429) },
});

// ── cds-wg1-02 management APIs (§5–§9)
const crud = (o: {
  name: string; path: string; param: string; object: z.ZodType; listing: z.ZodType; query: z.ZodObject;
  create?: number; update?: 'put' | 'patch'; section: string;
}) => {
  registerEndpoint({
    method: 'get', path: o.path, operationId: `list${o.name}s`, summary: `List ${o.name}s`, description: `cds-wg1-02 ${o.section}`,
    tags: tags.wg1, security: wg1, query: o.query, responses: { 200: { description: `A page of ${o.name}s.`, schema: o.listing }, ...errorResponses(400, 401, 403, 429) },
  });
  registerEndpoint({
    method: 'get', path: `${o.path}/{${o.param}}`, operationId: `get${o.name}`, summary: `Get a ${o.name}`, description: `cds-wg1-02 ${o.section}`,
    tags: tags.wg1, security: wg1, params: id(o.param), responses: { 200: { description: `The ${o.name}.`, schema: o.object }, ...errorResponses(400, 401, 403, 404, 429) },
  });
  if (o.create) {
    registerEndpoint({
      method: 'post', path: o.path, operationId: `create${o.name}`, summary: `Create a ${o.name}`, description: `cds-wg1-02 ${o.section}`,
      tags: tags.wg1, security: wg1, body: { schema: json },
      responses: { [o.create]: { description: `The new ${o.name}.`, schema: o.object }, ...errorResponses(400, 401, 403, 413, 415, 429) },
    });
  }
  if (o.update) {
    registerEndpoint({
      method: o.update, path: `${o.path}/{${o.param}}`, operationId: `update${o.name}`, summary: `Modify a ${o.name}`, description: `cds-wg1-02 ${o.section}`,
      tags: tags.wg1, security: wg1, params: id(o.param), body: { schema: json },
      responses: { 200: { description: `The ${o.name}.`, schema: o.object }, 202: { description: 'Accepted for review.', schema: o.object }, ...errorResponses(400, 401, 403, 404, 413, 415, 429) },
    });
  }
};
crud({ name: 'Client', path: '/cds-api/v1/clients', param: 'clientId', object: clientObjectSchema, listing: clientListingSchema, query: z.object({ client_ids: ids('client ids'), ...page }), update: 'put', section: '§5' });
crud({ name: 'Message', path: '/cds-api/v1/messages', param: 'messageId', object: messageObjectSchema, listing: messageListingSchema, query: z.looseObject({ message_ids: ids('message ids'), ...page }), create: 201, update: 'patch', section: '§6' });
crud({
  name: 'Credential', path: '/cds-api/v1/credentials', param: 'credentialId', object: credentialObjectSchema, listing: credentialListingSchema,
  query: z.object({ credential_ids: ids('credential ids'), client_ids: ids('client ids'), after: datetimeBound('created at or after'), before: datetimeBound('created at or before'), ...page }),
  create: 201, update: 'patch', section: '§7',
});
crud({
  name: 'Grant', path: '/cds-api/v1/grants', param: 'grantId', object: grantObjectSchema, listing: grantListingSchema,
  query: z.object({
    grant_ids: ids('grant ids'), parents: ids('parent grant ids'), statuses: ids('statuses'), client_ids: ids('client ids'), scopes: ids('scopes'),
    states: ids('authorization request states'), receipt_confirmations: ids('receipt confirmation numbers'),
    after: datetimeBound('modified at or after'), before: datetimeBound('modified at or before'), ...page,
  }),
  update: 'patch', section: '§8',
});
crud({ name: 'ServerProvidedFile', path: '/cds-api/v1/server-provided-files', param: 'fileId', object: fileObjectSchema, listing: fileListingSchema, query: z.object({ file_ids: ids('file ids'), ...page }), section: '§9' });
for (const [suffix, name] of [['cds-server-metadata', 'ClientServerMetadata'], ['oauth-authorization-server', 'ClientAuthorizationServerMetadata']] as const) {
  registerEndpoint({
    method: 'get', path: `/cds-api/v1/clients/{clientId}/${suffix}`, operationId: `get${name}`, summary: `A Client's ${suffix.replace(/-/g, ' ')} document`,
    description: 'cds-wg1-02 §5.1 `cds_server_metadata`: the metadata as this Client sees it.', tags: tags.wg1, security: wg1, params: id('clientId'),
    responses: { 200: { description: 'The document.', schema: json }, ...errorResponses(400, 401, 403, 404, 429) },
  });
}
registerEndpoint({
  method: 'get', path: '/cds-api/v1/server-provided-files/{fileId}/download', operationId: 'downloadServerProvidedFile', summary: 'Download a Server-Provided File',
  description: 'cds-wg1-02 §9.', tags: tags.wg1, security: wg1, params: id('fileId'),
  responses: { 200: { description: 'The file.', binary: ['application/octet-stream'] }, ...errorResponses(400, 401, 403, 404, 429) },
});

// ── Operator API (bin/admin.ts)
const admin = (method: 'get' | 'post', path: string, operationId: string, summary: string, status = 200, params?: z.ZodObject) => registerEndpoint({
  method, path, operationId, summary, tags: tags.admin, security: ['admin_token'], ...(params ? { params } : {}),
  ...(method === 'post' ? { body: { schema: json, required: false } } : { query: z.looseObject({ ...page }) }),
  responses: {
    [status]: { description: summary, schema: json }, ...errorResponses(400, 401, 404, ...(method === 'post' ? [413, 415] as const : [])),
    409: { description: 'Conflict.', schema: ErrorResponse },
  },
});
admin('get', '/admin/registrations', 'adminListRegistrations', 'Registrations');
admin('get', '/admin/registrations/{registrationId}', 'adminGetRegistration', 'A registration', 200, id('registrationId'));
admin('post', '/admin/registrations/{registrationId}/messages', 'adminMessageRegistration', 'Send a Message to a registration', 201, id('registrationId'));
admin('post', '/admin/notifications', 'adminNotify', 'Notify every registration', 201);
admin('get', '/admin/messages/{messageId}', 'adminGetMessage', 'A Message', 200, id('messageId'));
admin('post', '/admin/messages/{messageId}/resolve', 'adminResolveMessage', 'Resolve a request Message', 200, id('messageId'));
admin('post', '/admin/clients/{clientId}/production', 'adminApproveProduction', 'Approve a Client for production', 201, id('clientId'));
admin('post', '/admin/clients/{clientId}/disable', 'adminDisableClient', 'Disable a Client', 200, id('clientId'));
admin('post', '/admin/grants', 'adminCreateGrant', 'Create a Server Grant', 201);
admin('post', '/admin/grants/{grantId}/status', 'adminSetGrantStatus', 'Set a Grant\'s status', 200, id('grantId'));
admin('get', '/admin/files', 'adminListFiles', 'Server-Provided Files');
admin('post', '/admin/files', 'adminCreateFile', 'Upload a Server-Provided File', 201);
admin('post', '/admin/files/{fileId}/share', 'adminShareFile', 'Share a file with a Client', 200, id('fileId'));
