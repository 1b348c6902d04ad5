import type { AuthorizationDetailsField, ScopeDescription } from './schema';

/** The built-in scope types of cds-wg1-02 §3.3 (Clients match on `type`, never on `id`). */
export const CLIENT_ADMIN_SCOPE = 'cds_client_admin';
export const GRANT_ADMIN_TYPE = 'cds_grant_admin';
export const SERVER_PROVIDED_FILES_TYPE = 'cds_server_provided_files';

/** Where the Server documents a scope or one of its fields. */
export type ScopeDocs = (anchor: string) => string;

const noRegistration = { registration_requirements: [], registration_optional: [] };
const noAuthorizationRequests = { response_types_supported: [], code_challenge_methods_supported: [], coverages_supported: [] };

/** §3.3.1: every value mandated. */
export function clientAdminScope(docs: ScopeDocs): ScopeDescription {
  return {
    id: CLIENT_ADMIN_SCOPE,
    type: CLIENT_ADMIN_SCOPE,
    name: 'Client Admin',
    description: 'This scope grants administrative access to the Client management APIs.',
    documentation: docs(CLIENT_ADMIN_SCOPE),
    ...noRegistration,
    ...noAuthorizationRequests,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic'],
    grant_admin_scope: null,
    authorization_details_types_supported: [],
    authorization_details_fields_supported: [],
  };
}

/** The shared shape of the built-in identifier fields (§3.3.2, §3.3.3). */
function identifierField(
  id: string, name: string, description: string, forType: string, docs: ScopeDocs,
): AuthorizationDetailsField {
  return {
    id,
    name,
    description,
    documentation: docs(`${forType}-${id}`),
    // §3.3.2 writes the type name; §3.8 needs a subset of the SD's own types (A2): use the id.
    for_types: [forType],
    format: 'string',
    is_required: true,
    maximum: 1000,
    minimum: 1,
  };
}

/** §3.3.2: a Grant Admin scope; `id` is the Server's choice (e.g. `cds_grant_admin_1`). */
export function grantAdminScope(id: string, docs: ScopeDocs): ScopeDescription {
  return {
    id,
    type: GRANT_ADMIN_TYPE,
    name: 'Grant Admin',
    description: 'This scope grants administrative access to previously created Grants.',
    documentation: docs(id),
    ...noRegistration,
    ...noAuthorizationRequests,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic'],
    grant_admin_scope: null,
    authorization_details_types_supported: [id],
    authorization_details_fields_supported: [
      identifierField('client_id', 'Client Object identifier', 'The Client Object identifier for which the Grant is issued.', id, docs),
      identifierField('grant_id', 'Grant identifier', 'The Grant identifier for which the returned access_token will be given access.', id, docs),
    ],
  };
}

export interface ServerProvidedFilesSetting {
  id: string;
  /** `Server-Provided Files` alone, or a suffix after `Server-Provided Files: ` when there are several. */
  name_suffix?: string;
  description?: string;
  grant_admin_scope: string;
}

/** The description §3.3.3 recommends for arbitrary files (wording as mandated, typo included). */
export const SERVER_PROVIDED_FILES_DESCRIPTION =
  'This scope grants access to specific files that the Server wants make available to the Client.';

/** §3.3.3: a Server-Provided Files scope, reachable only through its Grant Admin scope. */
export function serverProvidedFilesScope(setting: ServerProvidedFilesSetting, docs: ScopeDocs): ScopeDescription {
  return {
    id: setting.id,
    type: SERVER_PROVIDED_FILES_TYPE,
    name: setting.name_suffix ? `Server-Provided Files: ${setting.name_suffix}` : 'Server-Provided Files',
    description: setting.description ?? SERVER_PROVIDED_FILES_DESCRIPTION,
    documentation: docs(setting.id),
    ...noRegistration,
    ...noAuthorizationRequests,
    grant_types_supported: [],
    token_endpoint_auth_methods_supported: [],
    grant_admin_scope: setting.grant_admin_scope,
    authorization_details_types_supported: [setting.id],
    authorization_details_fields_supported: [
      identifierField('file_id', 'File identifier', 'A file provided by the Server that may be accessed by the Client as part of the Grant.', setting.id, docs),
    ],
  };
}
