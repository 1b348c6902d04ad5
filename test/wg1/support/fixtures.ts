import { defaultScopeSettings, type ScopeDescription, type ScopeSettings } from '../../../rest-facade/scopes';

/** A code-flow scope like the overview's `customer_data`, described in full as §3.4 asks. */
export function codeScope(publicUrl: string, id: string, grantAdminScope: string, extra: Partial<ScopeDescription> = {}): ScopeDescription {
  return {
    id,
    type: id,
    name: 'Customer data',
    description: 'Customer-authorized data (test scope).',
    documentation: `${publicUrl}/docs/scopes#${id}`,
    registration_requirements: [],
    registration_optional: [],
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_basic'],
    code_challenge_methods_supported: ['S256'],
    coverages_supported: [],
    grant_admin_scope: grantAdminScope,
    authorization_details_types_supported: [id],
    authorization_details_fields_supported: [],
    ...extra,
  };
}

/** The server the overview's walkthroughs talk to: `cds_grant_admin`, `cds_server_provided_files_01`, `customer_data`. */
export function overviewScopes(publicUrl: string): ScopeSettings {
  return {
    ...defaultScopeSettings,
    grantAdminScopes: ['cds_grant_admin'],
    serverProvidedFiles: [{ id: 'cds_server_provided_files_01', grant_admin_scope: 'cds_grant_admin' }],
    customScopes: [codeScope(publicUrl, 'customer_data', 'cds_grant_admin')],
  };
}

/**
 * The server of the §12 examples: `cds_grant_admin_1`, `cds_server_provided_files_01` and
 * `example_custom`, which requires the `company_name` registration field (§12.2).
 */
export function section12Scopes(publicUrl: string): ScopeSettings {
  return {
    ...defaultScopeSettings,
    grantAdminScopes: ['cds_grant_admin_1'],
    serverProvidedFiles: [{ id: 'cds_server_provided_files_01', grant_admin_scope: 'cds_grant_admin_1' }],
    customScopes: [codeScope(publicUrl, 'example_custom', 'cds_grant_admin_1', {
      name: 'Custom Scope',
      description: 'This scope is an example for a Server-defined custom authorization scope.',
      registration_requirements: ['company_name'],
    })],
    registrationFields: [{
      id: 'company_name',
      type: 'registration_field',
      field_name: 'cds_company_name',
      description: 'The company name to display on the authorization request form',
      documentation: `${publicUrl}/docs/registration#company_name`,
      format: 'string',
      max_length: 1024,
    }],
  };
}
