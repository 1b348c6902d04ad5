import type { ClientRecord } from '../../../rest-facade/clients';
import type { Facade } from '../../../rest-facade/app';
import { isoAt, newId } from '../../../rest-facade/registration';
import type { ScopeDescription, ScopeSettings } from '../../../rest-facade/scopes';
import { defaultScopeSettings } from '../../../rest-facade/scopes';
import type { StoreOp } from '../../../rest-facade/store';

/** A custom code-flow scope (cds-wg1-02 §3.3 allows Server scopes) so the code flow can be driven. */
export const USAGE_SCOPE = 'example_usage';

export function testScopeSettings(publicUrl: string): ScopeSettings {
  const usage: ScopeDescription = {
    id: USAGE_SCOPE,
    type: USAGE_SCOPE,
    name: 'Example usage data',
    description: 'Usage data authorized by a customer (test scope).',
    documentation: `${publicUrl}/docs/scopes#${USAGE_SCOPE}`,
    registration_requirements: [],
    registration_optional: [],
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
    code_challenge_methods_supported: ['S256'],
    coverages_supported: [],
    grant_admin_scope: 'cds_grant_admin_1',
    authorization_details_types_supported: [USAGE_SCOPE],
    authorization_details_fields_supported: [{
      id: 'label', name: 'Label', description: 'A label for the data set (test field).',
      documentation: `${publicUrl}/docs/scopes#${USAGE_SCOPE}-label`, for_types: [USAGE_SCOPE],
      format: 'string', is_required: false, default: 'all', maximum: 20, minimum: 1,
    }],
  };
  return { ...defaultScopeSettings, customScopes: [usage] };
}

export interface SeededClient {
  client_id: string;
  secret: string | null;
  credential_id: string | null;
  redirect_uri?: string;
}

export interface SeededRegistration {
  registration_id: string;
  admin: SeededClient;
  grantAdmin: SeededClient;
  /** Confidential code-flow Client (client_secret_basic). */
  usage: SeededClient & { redirect_uri: string; default_redirect_uri: string };
  /** Public code-flow Client (`none`). */
  publicUsage: SeededClient & { redirect_uri: string };
  /** The Server-Provided Files Client (no credential) and a Server-created SPF Grant of it. */
  files: SeededClient & { grant_id: string };
}

/**
 * Seeds one registration the way §4.2 lays it out (admin, Grant Admin, code-flow and SPF Clients,
 * Credentials, a Server-created SPF Grant) through the wg1 repositories. The registration
 * endpoint's own tests cover how registration builds them; these suites exercise OAuth on top.
 */
export async function seedRegistration(facade: Facade): Promise<SeededRegistration> {
  const { repos, clock, config } = facade.context;
  const registrationId = newId();
  const now = isoAt(clock());
  const ops: StoreOp[] = [];
  const client = (fields: Partial<ClientRecord> & Pick<ClientRecord, 'scope' | 'grant_types' | 'response_types' | 'token_endpoint_auth_method'>): ClientRecord => ({
    client_id: newId(),
    registration_id: registrationId,
    client_id_issued_at: Math.floor(clock() / 1000),
    redirect_uris: [],
    client_name: null,
    contacts: [],
    authorization_details_types: [],
    cds_created: now,
    cds_modified: now,
    cds_status: 'production',
    cds_status_options: ['production', 'disabled'],
    default_redirect_uri: null,
    registration_fields: {},
    production_of: null,
    ...fields,
  });
  const withSecret = (record: ClientRecord): SeededClient => {
    ops.push(...repos.clients.collection.writeOps(record));
    if (record.token_endpoint_auth_method !== 'client_secret_basic') {
      return { client_id: record.client_id, secret: null, credential_id: null };
    }
    const credential = repos.credentials.prepare({ registrationId, clientId: record.client_id });
    ops.push(...credential.ops);
    return { client_id: record.client_id, secret: credential.secret, credential_id: credential.record.credential_id };
  };

  const admin = withSecret(client({
    scope: 'cds_client_admin', grant_types: ['client_credentials'], response_types: [],
    token_endpoint_auth_method: 'client_secret_basic', cds_status_options: ['production'],
  }));
  const grantAdmin = withSecret(client({
    scope: 'cds_grant_admin_1', grant_types: ['client_credentials'], response_types: [],
    token_endpoint_auth_method: 'client_secret_basic', authorization_details_types: ['cds_grant_admin_1'],
  }));
  const defaultRedirect = `${config.PUBLIC_URL}/oauth/default-redirect`;
  const redirect = 'https://client.example.com/callback';
  const codeClient = (method: 'client_secret_basic' | 'none') => client({
    scope: USAGE_SCOPE, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
    token_endpoint_auth_method: method, authorization_details_types: [USAGE_SCOPE],
    redirect_uris: [defaultRedirect, redirect], default_redirect_uri: defaultRedirect,
    cds_status: 'sandbox', cds_status_options: ['sandbox', 'disabled'],
    cds_default_scope: USAGE_SCOPE, cds_default_redirect_uri: redirect, cds_default_authorization_details: [],
  });
  const usage = withSecret(codeClient('client_secret_basic'));
  const publicUsage = withSecret(codeClient('none'));
  const files = withSecret(client({
    scope: 'cds_server_provided_files_01', grant_types: [], response_types: [], token_endpoint_auth_method: null,
    authorization_details_types: ['cds_server_provided_files_01'],
  }));
  ops.push(...repos.registrations.writeOps({
    registration_id: registrationId, created: now, client_name: null,
    scopes: ['cds_client_admin', 'cds_grant_admin_1', USAGE_SCOPE, 'cds_server_provided_files_01'],
    added_scopes: [], admin_client_id: admin.client_id, registration_fields: {},
  }));
  await facade.context.store.atomically(ops);
  const filesGrant = await repos.grants.create({
    registration_id: registrationId, client_id: files.client_id, origin: 'server',
    scope: 'cds_server_provided_files_01',
    authorization_details: [{ type: 'cds_server_provided_files_01', file_id: 'f000000000000001' }],
  });
  return {
    registration_id: registrationId,
    admin,
    grantAdmin,
    usage: { ...usage, redirect_uri: redirect, default_redirect_uri: defaultRedirect },
    publicUsage: { ...publicUsage, redirect_uri: redirect },
    files: { ...files, grant_id: filesGrant.grant_id },
  };
}

/** What the consent pages do on approval (§8.3 j): create the customer's Grant before any token request. */
export async function approveAsCustomer(facade: Facade, requestId: string, customer = 'customer-1') {
  const { oauth, repos } = facade.context;
  const pending = await oauth.getPendingAuthorization(requestId);
  if (!pending) throw new Error('no pending authorization');
  const client = await repos.clients.get(pending.client_id);
  const grant = await repos.grants.create({
    registration_id: client!.registration_id, client_id: pending.client_id, origin: 'authorization_code',
    subject: customer, scope: pending.scope.join(' '), authorization_details: pending.authorization_details,
    states: pending.state ? [pending.state] : [],
  });
  const location = await oauth.completeAuthorization(requestId, { outcome: 'approve', grant_id: grant.grant_id });
  return { location, grant };
}
